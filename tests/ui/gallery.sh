#!/usr/bin/env bash
# Copies the walkthroughs' screenshots (ctest -R ui_walk_800x480 writes them to
# BUILD/shots/walk_800x480_<lang>_<mode>/; ctest -R sync_mine_e2e, 我的报名 with the hub, to
# BUILD/shots/sync_mine/<variant>/) into assets/screenshots/walk/ as 8-bit PNGs and writes
# assets/screenshots/walk/README.md, the page the top README links to.
#   bash tests/ui/gallery.sh [BUILD_DIR]      (default: build)
# Every shot on that page was taken after the walkthrough checked its step: the choices whole
# in view (check-choices), no clipped or overlapping text or targets (check-layout), text
# contrast 4.5:1, 7:1 in elder mode (check-contrast).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
out=assets/screenshots/walk
# Each step: file name (without .png) and its caption.
steps=(
    "01-home|Home 首页"
    "01a-sites|Teaching sites 红色教学点"
    "01b-sites-map|The riverside map 沿江地图"
    "01c-site|A site 一处教学点"
    "01d-services|Services 便民服务"
    "01e-service|A service line 一条服务线"
    "01f-blocks|The blocks 和美街区"
    "01g-block|A block 一个街区"
    "02-event|An event 活动"
    "03-phone|Sign-up 1: phone number 手机号码"
    "04-name|Sign-up 2: how to address you 称呼"
    "05-initials|Surname by initial 按拼音首字母找姓"
    "06-party|Sign-up 3: how many people 人数"
    "07-privacy|Sign-up 4: privacy 隐私说明"
    "08-confirm|Sign-up 5: check and confirm 确认"
    "09-ticket|The ticket 入场券"
    "10-event-after|The event again, seats updated 名额已更新"
    "13-abroad-error|A number from abroad: what is missing 境外号码提示"
    "14-abroad|A number from abroad 境外号码"
    "15-name-grid|The name step with Latin letters 拉丁字母姓名"
    "16-latin|A name in Latin letters 拉丁字母键盘"
    "17-abroad-confirm|Confirm, the number masked 确认（号码已遮挡）"
    "18-abroad-ticket|The visitor's ticket 访客入场券"
    "19-mine|My sign-ups: the number 我的报名：输入号码"
    "20-mine-found|My sign-ups: found 我的报名：查到的报名"
    "11-pin|Volunteer mode: PIN 志愿者：PIN"
    "12-checkin|Volunteer check-in 志愿者签到"
    "12a-code|Check-in by ticket code 按入场码签到"
    "12b-phone|Check-in by phone 按手机尾号签到"
    "12c-phone-found|Check-in by phone: the person found 按尾号找到的报名"
)
variants=("zh_elder|中文，长者模式 Chinese, elder mode" "en_elder|English, elder mode 英文，长者模式"
    "zh_standard|中文，标准模式 Chinese, standard mode")
command -v convert >/dev/null || { echo "gallery.sh: needs ImageMagick's convert" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
{
    echo "# Walkthroughs on the 7\" panel (800×480)"
    echo
    echo "Made by \`bash tests/ui/gallery.sh\` from the shots of the \`ui_walk_800x480_*\` tests"
    echo "(\`tests/ui/scripts/walk.txt\`). Each shot was taken after its step was checked: the"
    echo "choices a person must make whole in view (\`check-choices\`), nothing clipped or"
    echo "overlapping (\`check-layout\`), text contrast at least 4.5:1, 7:1 in elder mode"
    echo "(\`check-contrast\`). The same walk runs at 480×800 (the panel upright) in the tests."
    echo "The last two sections are 我的报名 with the hub (\`sync_mine_e2e\`): a sign-up made at"
    echo "another station found, shown and cancelled, and what the screen says when the hub is away."
} >"$out/README.md"
# One section: title, source folder, destination folder, then the steps (file|caption).
section() {
    local title=$1 src=$2 name=$3
    shift 3
    [ -d "$src" ] || { echo "gallery.sh: no $src: run the tests that make it first" >&2; exit 1; }
    mkdir -p "$out/$name"
    printf '\n## %s\n\n| | | |\n|---|---|---|\n' "$title" >>"$out/README.md"
    local row=() s file cap
    for s in "$@"; do
        file=${s%%|*} cap=${s#*|}
        [ -f "$src/$file.png" ] || continue
        convert "$src/$file.png" -colors 256 "PNG8:$out/$name/$file.png"
        row+=("![$cap]($name/$file.png)<br>$cap")
        if [ ${#row[@]} = 3 ]; then
            printf '| %s | %s | %s |\n' "${row[@]}" >>"$out/README.md"
            row=()
        fi
    done
    if [ ${#row[@]} -gt 0 ]; then
        while [ ${#row[@]} -lt 3 ]; do row+=(" "); done
        printf '| %s | %s | %s |\n' "${row[@]}" >>"$out/README.md"
    fi
}
for v in "${variants[@]}"; do
    section "${v#*|}" "$build/shots/walk_800x480_${v%%|*}" "${v%%|*}" "${steps[@]}"
done
# 我的报名 finding a sign-up made at another station, through the hub (sync_mine_e2e).
mine_steps=(
    "1-asking|Asking the hub 正在查找"
    "2-found|Found at another station 查到其他服务站的报名"
    "3-item|The sign-up 报名详情"
    "4-ticket|Its ticket again 再次出示入场码"
    "5-cancelling|Cancelling at the hub 正在取消"
    "6-cancelled|Cancelled 已取消"
    "7-offline-none|The hub away: only this kiosk searched 连不上服务中心"
    "8-offline-phone|The number step says so 输入号码时的提示"
)
section "我的报名 with the hub, English elder mode 英文长者模式" \
    "$build/shots/sync_mine/en-elder-800x480" mine_en_elder "${mine_steps[@]}"
section "我的报名 with the hub, Chinese standard mode 中文标准模式" \
    "$build/shots/sync_mine/zh-800x480" mine_zh_standard "${mine_steps[@]}"
echo "gallery.sh: $(find "$out" -name '*.png' | wc -l) shots, $(du -sh "$out" | cut -f1), in $out"
