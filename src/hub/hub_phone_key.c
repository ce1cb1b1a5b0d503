/* The hub's phone key file (hub_phone_key.h). */
#include "hub/hub_phone_key.h"

#include "core/secret_file.h"

#include <sodium.h>
#include <stdio.h>

bool yk_hub_phone_key_load(const char *db_path, uint8_t key[YK_HUB_PHONE_KEY_LEN], bool *created,
                           char *err, size_t errn)
{
    char path[4096];
    if (created)
        *created = false;
    if (snprintf(path, sizeof path, "%s" YK_HUB_PHONE_KEY_SUFFIX, db_path) >= (int)sizeof path) {
        snprintf(err, errn, "数据库路径太长。 / The database path is too long.");
        return false;
    }
    for (int attempt = 0; attempt < 2; attempt++) {
        int got = yk_secret_file_read(path, key, YK_HUB_PHONE_KEY_LEN, "hub");
        if (got == 1)
            return true;
        if (got < 0) {
            snprintf(err, errn,
                     "手机号密钥文件 %s 无法使用（应为本用户的 32 字节文件）。请从备份恢复它；"
                     "若确已丢失，删除该文件后重启会生成新密钥，各自助机会重新上传报名。 / "
                     "The phone key file %s is unusable (it must be this user's file of exactly "
                     "32 bytes). Restore it from the hub's backup; if it is truly lost, remove "
                     "it and start again: a new key is made and the kiosks push their sign-ups "
                     "again.",
                     path, path);
            return false;
        }
        uint8_t fresh[YK_HUB_PHONE_KEY_LEN];
        randombytes_buf(fresh, sizeof fresh);
        int w = yk_secret_file_write(path, fresh, sizeof fresh, false, "hub");
        sodium_memzero(fresh, sizeof fresh);
        if (w < 0) {
            snprintf(err, errn,
                     "无法写入手机号密钥文件 %s（请检查目录权限）。 / Cannot write the phone key "
                     "file %s (check the folder's permissions).",
                     path, path);
            return false;
        }
        if (w == 1 && created)
            *created = true;
        /* Written (or another process wrote one first): read back what is there. */
    }
    snprintf(err, errn, "手机号密钥文件 %s 读取失败。 / Cannot read the phone key file %s.", path,
             path);
    return false;
}
