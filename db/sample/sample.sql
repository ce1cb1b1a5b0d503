-- Sample content: lets the kiosk run on a fresh machine before any hub exists.
-- Facts only from the Wuliqiao article and the public sources listed in db/README.md; anything
-- not known (the stations' addresses, phones and hours, photos, most positions, hosts) stays
-- NULL, and the screens say to ask at the station.
-- Every row has rev = 0 so that any hub revision replaces it. Event dates are invented
-- (plausible Saturdays), written in Shanghai time and stored as UTC seconds.
-- Loaded by db.c in one transaction, only when it creates the database with seed_sample.

INSERT INTO meta (key, value) VALUES ('sample_content', '1');

-- The three 和美街区 --------------------------------------------------------------------

INSERT INTO blocks (id, sort, name_zh, name_en, where_zh, where_en, character_zh, character_en,
                    alliance_zh, alliance_en, convention_zh, convention_en) VALUES
('chuangyi', 1, '创意家园', 'Creative Home',
 '南北高架以东、中山南路高架以北，沿局门路展开。',
 'East of the North–South Elevated Road and north of the South Zhongshan Road Elevated Road, along Jumen Road.',
 '街道办事处所在地；有龙头股份等大型国企、上海最大的创意园区江南智造，以及从幼儿园、小学、双语学校、特殊教育到高中的丰富教育资源。',
 'Home of the subdistrict office, large state-owned firms such as Longtou (龙头股份), Jiangnan Zhizao, Shanghai''s largest creative park, and schools of every kind from kindergarten to high school.',
 '创意家园街区党建（共治）联盟由区域单位、“两新”组织、居民区，以及报到党员、居民代表和街区顾问组成。五项功能：街区公约、议题升级、互助协商、群防群治、参与治理。',
 'The Creative Home block alliance for party building and shared governance brings together local organisations, new businesses and social groups, residential areas, registered party members, residents'' representatives and block advisers. It does five things: a block convention, raising issues, mutual consultation, joint safety watch, and taking part in governance.',
 '街区公约是街区党建（共治）联盟五项功能中的第一项。公约全文请向服务站工作人员咨询。',
 'The block convention is the first of the block alliance''s five functions. Ask the station''s staff for its full text.'),
('yile', 2, '颐乐生活', 'Joyful Living',
 '南北高架以西、中山南路高架以北，沿打浦路展开。',
 'West of the North–South Elevated Road and north of the South Zhongshan Road Elevated Road, along Dapu Road.',
 '以居住为主，生活服务设施较多，综合为老服务中心也在这里。目标：提升生活服务的质量和便利性，打造长者友好社区。',
 'Mainly homes, with many everyday services, including the comprehensive elderly care centre. The goal: better, easier everyday services and an elder-friendly community.',
 '颐乐生活街区党建（共治）联盟由区域单位、“两新”组织、居民区，以及报到党员、居民代表和街区顾问组成。五项功能：街区公约、议题升级、互助协商、群防群治、参与治理。',
 'The Joyful Living block alliance for party building and shared governance brings together local organisations, new businesses and social groups, residential areas, registered party members, residents'' representatives and block advisers. It does five things: a block convention, raising issues, mutual consultation, joint safety watch, and taking part in governance.',
 '街区公约是街区党建（共治）联盟五项功能中的第一项。公约全文请向服务站工作人员咨询。',
 'The block convention is the first of the block alliance''s five functions. Ask the station''s staff for its full text.'),
('renwen', 3, '人文滨江', 'Riverside Culture',
 '中山南一路高架以南，黄浦江畔。',
 'South of the South Zhongshan No. 1 Road Elevated Road, by the Huangpu River.',
 '中国近代工业文明的发源地，2010年中国上海世博会的场馆区，人文资源丰富；随着滨江贯通，致力于打造滨江党建新名片。',
 'The birthplace of modern Chinese industry and part of the 2010 Shanghai World Expo site, rich in history and culture. With the riverside now open end to end, it aims to be a new showcase of riverside party building.',
 '人文滨江街区党建（共治）联盟由区域单位、“两新”组织、居民区，以及报到党员、居民代表和街区顾问组成。五项功能：街区公约、议题升级、互助协商、群防群治、参与治理。',
 'The Riverside Culture block alliance for party building and shared governance brings together local organisations, new businesses and social groups, residential areas, registered party members, residents'' representatives and block advisers. It does five things: a block convention, raising issues, mutual consultation, joint safety watch, and taking part in governance.',
 '街区公约是街区党建（共治）联盟五项功能中的第一项。公约全文请向服务站工作人员咨询。',
 'The block convention is the first of the block alliance''s five functions. Ask the station''s staff for its full text.');

-- The riverside stations and their five service lines ------------------------------------

INSERT INTO stations (id, sort, name_zh, name_en, intro_zh, intro_en, river_pos_m) VALUES
('binjiang', 1, '滨江党建群团服务站',
 'Riverside Party-Building and Mass Organisations Service Station',
 '在3公里长的五里桥滨江段，由178家区域化党建联席会议成员单位共同参与，提供平安滨江、便利滨江、温暖滨江、文化滨江、文明滨江等服务项目。',
 'On Wuliqiao''s 3 km of Huangpu riverside, run together with the 178 member units of the riverside party-building council. It offers five service lines: Safe, Convenient, Warm, Cultural and Civilised Riverside.',
 NULL),
('expo-binjiang', 2, '世博滨江党群服务站',
 'Expo Riverside Party–Mass Service Station',
 '在3公里长的五里桥滨江段，由178家区域化党建联席会议成员单位共同参与，提供平安滨江、便利滨江、温暖滨江、文化滨江、文明滨江等服务项目。',
 'On Wuliqiao''s 3 km of Huangpu riverside, run together with the 178 member units of the riverside party-building council. It offers five service lines: Safe, Convenient, Warm, Cultural and Civilised Riverside.',
 NULL);

INSERT INTO service_lines (id, sort, name_zh, name_en, summary_zh, summary_en) VALUES
('safe', 1, '平安滨江', 'Safe Riverside',
 '滨江沿线的安全与急救：遇到危险、受伤或身体不适时怎么求助。服务站工作人员可以帮您联系。',
 'Safety and first aid along the riverside: how to get help if you are in danger, hurt or feel unwell. The station''s staff can call for you.'),
('convenient', 2, '便利滨江', 'Convenient Riverside',
 '在滨江散步、参观时用得上的便民信息：厕所、饮用水、最近的地铁站。',
 'Everyday help for a walk or a visit on the riverside: toilets, drinking water, the nearest metro.'),
('warm', 3, '温暖滨江', 'Warm Riverside',
 '服务站为老人、家庭和有需要的居民提供关爱与帮助。具体项目请向服务站工作人员咨询。',
 'Care and help from the station for older people, families and residents in need. Ask the station''s staff what is on offer.'),
('cultural', 4, '文化滨江', 'Cultural Riverside',
 '五里桥滨江是中国近代工业文明的发源地和2010年世博会的场馆区。沿江的红色教学点见首页的“红色教学点”。',
 'The Wuliqiao riverside is the birthplace of modern Chinese industry and part of the 2010 World Expo site. The teaching sites along it are under "Red Sites" on the home screen.'),
('civilised', 5, '文明滨江', 'Civilised Riverside',
 '共同爱护滨江：文明游览、垃圾分类、爱护公共设施。想参加志愿服务，请向服务站工作人员咨询。',
 'Caring for the riverside together: visit considerately, sort your rubbish, look after public facilities. To volunteer, ask the station''s staff.');

-- 滨江便民: what a visitor on the riverside needs. Only the metro is known from public
-- sources; the rest say what it is and to ask here until the hub fills in the places.
INSERT INTO services (id, sort, kind, line_id, title_zh, title_en, summary_zh, summary_en,
                      place_zh, place_en, contact_zh, contact_en) VALUES
('emergency-numbers', 3, 'service', 'safe', '紧急电话', 'Emergency numbers',
 '报警 110 · 火警 119 · 急救 120，拨打免费。服务站工作人员也可以帮您拨打。',
 'Police 110 · Fire 119 · Ambulance 120, free to call. The station''s staff can also call for you.',
 NULL, NULL, '110 · 119 · 120', '110 · 119 · 120'),
('aed', 4, 'service', 'safe', 'AED 自动体外除颤器', 'AED (defibrillator)',
 '有人突然倒地、没有反应时：先拨打 120，再就近取用 AED。离这里最近的 AED 在哪里，请问服务站工作人员。',
 'If someone collapses and does not respond: call 120 first, then fetch the nearest AED. Ask the station''s staff where the nearest one is.',
 NULL, NULL, NULL, NULL),
('first-aid', 5, 'service', 'safe', '急救', 'First aid',
 '受伤或身体不适，请到服务站求助，工作人员会帮您处理或拨打 120。',
 'If you are hurt or feel unwell, come to the station: the staff will help or call 120.',
 NULL, NULL, NULL, NULL),
('toilets', 6, 'service', 'convenient', '公共厕所', 'Public toilets',
 '滨江沿线设有公共厕所。离这里最近的一处，请问服务站工作人员。',
 'There are public toilets along the riverside. Ask the station''s staff for the nearest one.',
 NULL, NULL, NULL, NULL),
('drinking-water', 7, 'service', 'convenient', '饮用水', 'Drinking water',
 '需要饮用水，请问服务站工作人员。',
 'Need drinking water? Ask the station''s staff.',
 NULL, NULL, NULL, NULL),
('metro', 8, 'service', 'convenient', '最近的地铁站', 'Nearest metro',
 '地铁13号线世博会博物馆站，在滨江卢浦大桥一端；2号口出站步行约2分钟到世博会博物馆。',
 'Metro Line 13, World Expo Museum station, at the Lupu Bridge end of the riverside; from exit 2 it is about 2 minutes on foot to the World Expo Museum.',
 '地铁13号线世博会博物馆站', 'Metro Line 13, World Expo Museum station', NULL, NULL);

-- Services and projects ------------------------------------------------------------------

INSERT INTO services (id, sort, kind, series, block_id, title_zh, title_en, summary_zh, summary_en,
                      offers_zh, offers_en, audience_zh, audience_en) VALUES
('elderly-care-centre', 1, 'service', 'he', 'yile',
 '综合为老服务中心', 'Comprehensive Elderly Care Centre',
 '中心城区最大的为老服务综合体，整合社区内各类为老服务资源，拓展为老服务受益面，让老人们有更多选择。',
 'The largest elderly care centre in central Shanghai. It brings the area''s services for older people together in one place, so that more older people benefit and have more choice.',
 '街道老年协会、居家养老中心、养老服务合作社、社区医院。',
 'The subdistrict''s seniors'' association, a home care centre, an elderly care co-operative and the community hospital.',
 '老年居民及其家人', 'Older residents and their families'),
('childcare', 2, 'service', NULL, NULL,
 '社区托育园', 'Community Childcare Centre',
 '最大程度地缓解辖区双职工家庭的托幼难题。',
 'Helps local families where both parents work to find care for their young children.',
 NULL, NULL,
 '双职工家庭', 'Families where both parents work');

-- 和 series: led by the community party committee.
INSERT INTO services (id, sort, kind, series, title_zh, title_en, summary_zh, summary_en) VALUES
('he-safe-community', 10, 'project', 'he', '安全社区创建', 'Building a safe community',
 '“和”系列工程，由社区党委牵头，聚焦街区人文软环境提升，增进街区和睦。',
 'Part of the "He" (harmony) series, led by the community party committee, which brings neighbours closer together.'),
('he-lifts', 11, 'project', 'he', '老公房加装电梯', 'Lifts for old walk-up flats',
 '“和”系列工程，由社区党委牵头，聚焦街区人文软环境提升，增进街区和睦。',
 'Part of the "He" (harmony) series, led by the community party committee, which brings neighbours closer together.'),
('he-gardens', 12, 'project', 'he', '社区花园', 'Community gardens',
 '“和”系列工程，由社区党委牵头，聚焦街区人文软环境提升，增进街区和睦。',
 'Part of the "He" (harmony) series, led by the community party committee, which brings neighbours closer together.'),
('he-parking', 13, 'project', 'he', '错时互助停车', 'Staggered shared parking',
 '“和”系列工程，由社区党委牵头，聚焦街区人文软环境提升，增进街区和睦。',
 'Part of the "He" (harmony) series, led by the community party committee, which brings neighbours closer together.'),
('he-riverside-culture', 14, 'project', 'he', '滨江文化', 'Riverside culture',
 '“和”系列工程，由社区党委牵头，聚焦街区人文软环境提升，增进街区和睦。',
 'Part of the "He" (harmony) series, led by the community party committee, which brings neighbours closer together.'),
('he-micro-grants', 15, 'project', 'he', '居民自治微创投', 'Residents'' micro-grants',
 '“和”系列工程，由社区党委牵头。支持居民自治项目，扩大居民自治组织、社区团队和居民的参与面。',
 'Part of the "He" (harmony) series, led by the community party committee. Small grants for projects that residents run themselves, so that more residents, groups and teams take part.'),
('he-owners-salon', 16, 'project', 'he', '业委会主任沙龙和联谊会', 'Salon and get-togethers for owners'' committee chairs',
 '“和”系列工程，由社区党委牵头，聚焦街区人文软环境提升，增进街区和睦。',
 'Part of the "He" (harmony) series, led by the community party committee, which brings neighbours closer together.');

-- 美 series: led by the administrative party group, through the grid centre.
INSERT INTO services (id, sort, kind, series, title_zh, title_en, summary_zh, summary_en) VALUES
('mei-environment', 20, 'project', 'mei', '生态环境综合治理', 'Improving the local environment',
 '“美”系列工程，由行政党组牵头，依托网格中心，连片整治、滚动推进，美化和改善街区面貌环境。',
 'Part of the "Mei" (beauty) series, led by the administrative party group with the grid centre: area by area, step by step, the blocks are made cleaner and more pleasant.'),
('mei-estates', 21, 'project', 'mei', '住宅小区综合治理', 'Improving residential estates',
 '“美”系列工程，由行政党组牵头，依托网格中心，连片整治、滚动推进，美化和改善街区面貌环境。',
 'Part of the "Mei" (beauty) series, led by the administrative party group with the grid centre: area by area, step by step, the blocks are made cleaner and more pleasant.'),
('mei-street-order', 22, 'project', 'mei', '治理无序设摊、跨门营业、违法搭建',
 'Ending unlicensed stalls, trading outside shop doors and illegal building',
 '“美”系列工程，由行政党组牵头。2018年，街道已基本实现零跨门营业和零乱设摊的“双零突破”。',
 'Part of the "Mei" (beauty) series, led by the administrative party group. By 2018 the subdistrict had almost no trading outside shop doors and no unlicensed stalls.'),
('mei-wall-pipes', 23, 'project', 'mei', '外墙管道修缮', 'Repairing pipes on outside walls',
 '“美”系列工程，由行政党组牵头，推动美丽街区建设。',
 'Part of the "Mei" (beauty) series, led by the administrative party group, to make the blocks more beautiful.'),
('mei-rubbish-rooms', 24, 'project', 'mei', '垃圾厢房改造', 'Rebuilding rubbish rooms',
 '“美”系列工程，由行政党组牵头，推动美丽街区建设。',
 'Part of the "Mei" (beauty) series, led by the administrative party group, to make the blocks more beautiful.');

-- Two of the community projects belong with a riverside line as well.
UPDATE services SET line_id = 'safe' WHERE id = 'he-safe-community';
UPDATE services SET line_id = 'cultural' WHERE id = 'he-riverside-culture';

-- Riverside red teaching sites: the article names six of the twelve -----------------------

-- Facts from public sources (CONTENT.md; sources in db/README.md). Hours and booking rules
-- change: they say "as of 2026". river_pos_m counts from the upstream (south-west) end at
-- Lupu Bridge; only the bridge's own position is certain, so only it is placed.
INSERT INTO sites (id, sort, name_zh, name_en, intro_zh, intro_en, hours_zh, hours_en,
                   location_zh, location_en, booking_zh, booking_en, river_pos_m) VALUES
('expo-museum', 1, '世博会博物馆', 'World Expo Museum',
 '2017年5月1日开馆，是国际展览局（BIE）唯一官方认可的世博会博物馆，由上海市与国际展览局在2010年上海世博会浦西园区合作建设。8个常设展厅讲述世博会的历史：从1851年伦敦万国工业博览会，到2010年上海世博会及其后。',
 'Opened on 1 May 2017, the only official museum of World Expos recognised by the Bureau International des Expositions (BIE), built by Shanghai and the BIE on the Puxi site of Expo 2010. Eight permanent halls tell the story of the World Expos, from London in 1851 to Shanghai in 2010 and after.',
 '周二至周日 9:00–17:00（16:15 停止入馆），周一闭馆。2026年信息，出发前请核实。',
 'Tuesday to Sunday 9:00–17:00 (last entry 16:15), closed on Mondays. As of 2026: check before you go.',
 '黄浦区蒙自路818号（近龙华东路），在滨江卢浦大桥一端。地铁13号线世博会博物馆站2号口，步行约2分钟。',
 '818 Mengzi Road, Huangpu (near Longhua East Road), at the Lupu Bridge end of the riverside. Metro Line 13, World Expo Museum station, exit 2: about 2 minutes on foot.',
 '免费参观。预约规则曾有调整，出发前请在博物馆官方渠道查询。',
 'Free. The booking rules have changed over time: check the museum''s official channels before you go.',
 NULL),
('table-tennis-museum', 2, '乒博馆', 'Table Tennis Museum',
 '国际乒联博物馆和中国乒乓球博物馆，两馆同在一座楼内，2018年3月31日开馆，在世博会博物馆附近。国际乒联2014年决定把博物馆从瑞士洛桑迁到上海。这是中国第一座国际性体育博物馆，展品11000余件，由上海体育大学运营。',
 'The ITTF Museum and the China Table Tennis Museum: two museums in one building, opened on 31 March 2018 near the World Expo Museum. In 2014 the International Table Tennis Federation decided to move its museum from Lausanne to Shanghai. It is China''s first international sports museum, with more than 11,000 exhibits, run by Shanghai University of Sport.',
 '据报道为周二至周日 9:00–17:00（各方说法不一）。2026年信息，出发前请核实。',
 'Reported as Tuesday to Sunday 9:00–17:00 (sources differ). As of 2026: check before you go.',
 '黄浦区局门路796号，世博会博物馆附近。',
 '796 Jumen Road, Huangpu, near the World Expo Museum.',
 '免费，需预约（2018年开馆时的规定）。出发前请核实。',
 'Free, booking needed (the rule when it opened in 2018). Check before you go.',
 NULL),
('lupu-bridge', 3, '卢浦大桥', 'Lupu Bridge',
 '桥名取自卢湾和浦东。2000年10月开工，2003年6月28日通车。这是一座钢拱桥，主跨550米，通车时是世界上跨度最大的钢拱桥。它是五里桥滨江的西南端。',
 'Its name joins Luwan and Pudong. Building began in October 2000 and it opened on 28 June 2003. A steel arch bridge with a 550 m main span, it was the world''s longest steel arch when it opened. It marks the south-west end of the Wuliqiao riverside.',
 NULL, NULL,
 '五里桥滨江的西南端。', 'The south-west end of the Wuliqiao riverside.',
 NULL, NULL,
 0),
('dianzan-square', 4, '点赞广场', 'Dianzan ("Thumbs-up") Square',
 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
('yuanwang-1', 5, '远望一号', 'Yuanwang-1 tracking ship',
 '中国第一代远洋航天测量船，由江南造船厂建造，1977年8月31日下水，船长191米。2010年退役，2011年11月26日起停放在原江南造船厂2号船坞——这座船坞1867年开挖，是船厂的第一座船坞。',
 'China''s first generation of ocean-going space tracking ship, built by the Jiangnan Shipyard and launched on 31 August 1977; 191 m long. Retired in 2010, it has rested since 26 November 2011 in No. 2 dock of the former Jiangnan Shipyard, the yard''s first dock, dug in 1867.',
 '据2024年报道，每日 9:00–17:00 有讲解参观，需购票。出发前请核实。',
 'Reported in 2024: guided visits daily 9:00–17:00, with tickets. Check before you go.',
 '原江南造船厂2号船坞。', 'No. 2 dock of the former Jiangnan Shipyard.',
 NULL, NULL, NULL),
('translation-museum', 6, '翻译馆', 'Translation Museum',
 '江南机器制造总局翻译馆，1868年设在江南机器制造总局（1865年创办）内，先后翻译西方书籍约160至200种，以科学和工程为主；傅兰雅（John Fryer）与徐寿、华蘅芳、李善兰等人是主要译者。它是原江南造船厂旧址的历史保护建筑之一，正在上海工业博物馆项目中修缮（2024年12月起施工）。',
 'The Translation Department of the Jiangnan Arsenal opened in 1868 inside the arsenal (founded 1865) and translated some 160 to 200 Western books, mostly on science and engineering; John Fryer, Xu Shou, Hua Hengfang and Li Shanlan were among its translators. One of the protected historic buildings of the old shipyard, it is being restored as part of the Shanghai Industrial Museum project (building work since December 2024).',
 '修缮中，暂不对外开放。', 'Closed to visitors while it is restored.',
 '原江南造船厂旧址，上海工业博物馆项目内。', 'The former Jiangnan Shipyard site, within the Shanghai Industrial Museum project.',
 NULL, NULL, NULL);

-- Events ---------------------------------------------------------------------------------
-- Social responsibility days: the second Saturday of each month, 09:30-11:30 Shanghai time,
-- sign-up until 18:00 the day before; the four kinds in turn. The host changes every month
-- and is not known yet.

WITH m(month, day, kind) AS (
    VALUES ('2026-12', '2026-12-12', 'consult'),
           ('2027-01', '2027-01-09', 'experience'),
           ('2027-02', '2027-02-13', 'charity'),
           ('2027-03', '2027-03-13', 'support'),
           ('2027-04', '2027-04-10', 'consult'),
           ('2027-05', '2027-05-08', 'experience'),
           ('2027-06', '2027-06-12', 'charity'),
           ('2027-07', '2027-07-10', 'support'),
           ('2027-08', '2027-08-14', 'consult'),
           ('2027-09', '2027-09-11', 'experience'),
           ('2027-10', '2027-10-09', 'charity'),
           ('2027-11', '2027-11-13', 'support'),
           ('2027-12', '2027-12-11', 'consult')),
k(kind, name_zh, name_en, name_en_lc, example_zh, example_en, capacity) AS (
    VALUES ('consult',    '咨询服务', 'Consultation', 'consultation',
            '例如产品咨询', 'such as advice on products', 40),
           ('experience', '服务体验', 'Service experience', 'service experience',
            '例如展馆讲解', 'such as guided tours of museums', 30),
           ('charity',    '公益活动', 'Charity', 'charity',
            '例如定向捐赠公益金', 'such as donations to a chosen cause', 60),
           ('support',    '社区资助', 'Community support', 'community support',
            '例如帮助助学', 'such as help for students', 50))
INSERT INTO events (id, kind, title_zh, title_en, summary_zh, summary_en, starts_utc, ends_utc,
                    signup_deadline_utc, capacity, max_party, seats_held)
SELECT 'srd-' || m.month, m.kind,
       '社会责任日：' || k.name_zh, 'Social Responsibility Day: ' || k.name_en,
       '「你我携手，共建共享和美五里」社会责任日。每月由一家辖区企事业单位承办。本月为' || k.name_zh
           || '类活动，' || k.example_zh || '。',
       'Social Responsibility Day: "Hand in hand, let''s build and share a harmonious Wuliqiao". '
           || 'Each month a local company or institution hosts the day. This month: '
           || k.name_en_lc || ', ' || k.example_en || '.',
       CAST(strftime('%s', m.day || ' 09:30:00+08:00') AS INTEGER),
       CAST(strftime('%s', m.day || ' 11:30:00+08:00') AS INTEGER),
       CAST(strftime('%s', date(m.day, '-1 day') || ' 18:00:00+08:00') AS INTEGER),
       k.capacity, 4, k.capacity
FROM m JOIN k ON k.kind = m.kind;

INSERT INTO events (id, kind, block_id, title_zh, title_en, summary_zh, summary_en,
                    host_zh, host_en, place_zh, place_en, starts_utc, ends_utc,
                    signup_deadline_utc, capacity, max_party, seats_held) VALUES
('ceremony-2027-10-01', 'ceremony', 'chuangyi',
 '街区仪式：国庆升旗', 'Block ceremony: National Day flag-raising',
 '创意家园街区党建（共治）联盟举办国庆升旗仪式。消防官兵、学校师生和居民走到一起，欢迎约100位居民参加。',
 'The Creative Home block alliance raises the flag for National Day. Firefighters, teachers, students and residents come together; there is room for about 100 residents.',
 '创意家园街区党建（共治）联盟', 'Creative Home block alliance',
 '丽园居民区', 'Liyuan residential area',
 CAST(strftime('%s', '2027-10-01 07:30:00+08:00') AS INTEGER),
 CAST(strftime('%s', '2027-10-01 08:30:00+08:00') AS INTEGER),
 CAST(strftime('%s', '2027-09-30 18:00:00+08:00') AS INTEGER),
 100, 4, 100);

-- Each block's yearly call for governance issues: open to all, no sign-up.
INSERT INTO events (id, kind, block_id, title_zh, title_en, summary_zh, summary_en,
                    host_zh, host_en, starts_utc, ends_utc, capacity, max_party, seats_held)
SELECT 'issues-2027-' || b.id, 'issues', b.id,
       '议题征集：' || b.name_zh || '街区', 'Call for issues: ' || b.name_en || ' block',
       '街区党建（共治）联盟每年向居民和单位征集治理议题，特别是涉及不同居民区、不同单位的跨系统议题，并推动切实解决。',
       'Every year the block alliance asks residents and local organisations which problems need solving, especially ones that cross residential areas and organisations, and works to solve them.',
       b.name_zh || '街区党建（共治）联盟', b.name_en || ' block alliance',
       CAST(strftime('%s', '2027-03-01 00:00:00+08:00') AS INTEGER),
       CAST(strftime('%s', '2027-04-01 00:00:00+08:00') AS INTEGER),
       NULL, 1, 0
FROM blocks AS b;

-- Walk-in tally kinds ---------------------------------------------------------------------

INSERT INTO walkin_kinds (id, sort, name_zh, name_en) VALUES
('consult',    1, '咨询', 'Consultation'),
('visit',      2, '参观', 'Visit'),
('group-tour', 3, '团队参观', 'Group tour'),
('service',    4, '办事服务', 'Service');

-- Demo volunteer: PIN 2468, for the sample data only (see db/README.md).
-- crypto_pwhash_str(OPSLIMIT_INTERACTIVE, MEMLIMIT_INTERACTIVE), Argon2id.
INSERT INTO volunteers (id, name_zh, name_en, pin_hash, active) VALUES
('demo', '演示志愿者', 'Demo volunteer',
 '$argon2id$v=19$m=65536,t=2,p=1$sEe8hdewTDXcv9EOuKqE+Q$wrU3m4S6EjGqi6eOHLSFktzrphXmr2m+E96qCH7af1I', 1);
