"""The fictional 青石县 (Qingshi County) used by `manage.py load_demo`.

Written for this project: every name, address and phone number is invented.
Later issues extend it (guides, documents, staff) by adding to these tables.
"""

COUNTY = {
    "slug": "qingshi",
    "title": "青石县政务服务网",
    "official_name": "青石县人民政府政务服务中心",
    "hotline": "12345",
    "supervision_phone": "0859-6610000",
    "address": "青石县城关街道人民路 66 号县政务服务大厅",
    "site_code": "5299000001",
    "icp_record": "黔ICP备 00000000 号（演示）",
    "police_record": "黔公网安备 52000000000000 号（演示）",
    "organiser_mark_url": "https://bszs.conac.cn/sitename?method=show&id=DEMO",
    "intro": (
        "<p>青石县各乡镇（街道）便民服务中心和村（社区）便民服务站的办事指南、政务公开和"
        "工作人员去向，都可以在这里查询。出门办事前先看一看，争取<b>最多跑一次</b>。</p>"
    ),
}

_WEEKDAY_HOURS = "周一至周五 上午 8:30—12:00\n周一至周五 下午 14:00—17:30"

CENTERS = [
    {
        "slug": "yunxi",
        "title": "云溪镇便民服务中心",
        "official_name": "青石县云溪镇便民服务中心",
        "township_name": "云溪镇",
        "address": "青石县云溪镇复兴街 18 号（镇政府大院一楼）",
        "location_note": "县城乘 3 路城乡公交到云溪镇站，下车步行 200 米",
        "latitude": "26.583100",
        "longitude": "107.981200",
        "opening_hours": _WEEKDAY_HOURS + "\n逢场日（逢一、四、七）周末照常办公",
        "consultation_phone": "0859-6621001",
        "complaint_phone": "0859-6621002",
        "director_name": "杨明远",
        "director_title": "镇党委委员、副镇长",
        "market_day_calendar": "solar",
        "market_day_numbers": "1,4,7",
        "intro": (
            "<p>中心设综合受理、民政救助、人社、卫健、不动产、农业农村六个窗口，实行"
            "“前台综合受理、后台分类审批、综合窗口出件”。</p>"
        ),
        "stations": [
            {
                "slug": "hongyan",
                "title": "红岩村便民服务站",
                "official_name": "青石县云溪镇红岩村便民服务站",
                "village_name": "红岩村",
                "station_kind": "station",
                "address": "云溪镇红岩村村委会办公楼一楼",
                "opening_hours": "周一至周五 上午 9:00—12:00\n周一至周五 下午 14:00—17:00",
                "phone": "0859-6621101",
                "agents": [
                    {
                        "name": "张桂兰",
                        "phone": "13800000101",
                        "center_weekdays": "2",
                        "on_market_days": True,
                        "duties": "社保、医保、低保申请材料代办",
                    },
                    {
                        "name": "吴建华",
                        "phone": "13800000102",
                        "center_weekdays": "4",
                        "on_market_days": False,
                        "duties": "户籍证明、农机补贴、林木采伐许可代办",
                    },
                ],
            },
            {
                "slug": "daping",
                "title": "大坪村便民服务站",
                "official_name": "青石县云溪镇大坪村便民服务站",
                "village_name": "大坪村",
                "station_kind": "station",
                "address": "云溪镇大坪村文化广场东侧",
                "opening_hours": "周一、周三、周五 上午 9:00—12:00",
                "phone": "0859-6621102",
                "agents": [
                    {
                        "name": "罗国庆",
                        "phone": "13800000103",
                        "center_weekdays": "1,4",
                        "on_market_days": True,
                        "duties": "新农合缴费、养老保险认证代办",
                    },
                ],
            },
            {
                "slug": "qiaotou",
                "title": "桥头社区便民服务站",
                "official_name": "青石县云溪镇桥头社区便民服务站",
                "village_name": "桥头社区",
                "station_kind": "room",
                "address": "云溪镇桥头社区居委会一楼",
                "opening_hours": _WEEKDAY_HOURS,
                "phone": "0859-6621103",
                "agents": [
                    {
                        "name": "陈晓梅",
                        "phone": "13800000104",
                        "center_weekdays": "3",
                        "on_market_days": False,
                        "duties": "居住证明、就业失业登记代办",
                    },
                ],
            },
        ],
    },
    {
        "slug": "songlin",
        "title": "松林乡便民服务中心",
        "official_name": "青石县松林乡便民服务中心",
        "township_name": "松林乡",
        "address": "青石县松林乡新街 3 号",
        "location_note": "乡政府对面，赶场天请从新街北口步行进入",
        "latitude": "26.402500",
        "longitude": "108.113700",
        "opening_hours": _WEEKDAY_HOURS + "\n赶场天（农历逢三、六、九）全体窗口在岗",
        "consultation_phone": "0859-6632001",
        "complaint_phone": "0859-6632002",
        "director_name": "龙光辉",
        "director_title": "乡人民政府副乡长",
        "market_day_calendar": "lunar",
        "market_day_numbers": "3,6,9",
        "intro": (
            "<p>松林乡为少数民族聚居乡，赶场天各窗口全员在岗，乡领导轮流到窗口值班，"
            "可用苗语、汉语两种语言咨询。</p>"
        ),
        "stations": [
            {
                "slug": "yanjiao",
                "title": "岩脚村便民服务站",
                "official_name": "青石县松林乡岩脚村便民服务站",
                "village_name": "岩脚村",
                "station_kind": "station",
                "address": "松林乡岩脚村村委会",
                "opening_hours": "周一至周五 上午 9:00—12:00",
                "phone": "0859-6632101",
                "agents": [
                    {
                        "name": "杨秀英",
                        "phone": "13800000201",
                        "center_weekdays": "",
                        "on_market_days": True,
                        "duties": "民政救助、残疾人补贴、医保代办",
                    },
                ],
            },
            {
                "slug": "gaozhai",
                "title": "高寨村便民服务点",
                "official_name": "青石县松林乡高寨村便民服务点",
                "village_name": "高寨村",
                "station_kind": "point",
                "address": "松林乡高寨村小学旁",
                "opening_hours": "每周二、周四 上午 9:00—11:30",
                "phone": "13800000202",
                "agents": [
                    {
                        "name": "龙金花",
                        "phone": "13800000203",
                        "center_weekdays": "",
                        "on_market_days": True,
                        "duties": "户籍、身份证、社保卡代办",
                    },
                ],
            },
        ],
    },
    {
        "slug": "chengguan",
        "title": "城关街道便民服务中心",
        "official_name": "青石县城关街道便民服务中心",
        "township_name": "城关街道",
        "address": "青石县城关街道人民路 12 号",
        "location_note": "县人民医院斜对面，1 路、2 路公交人民路站",
        "latitude": "26.601200",
        "longitude": "107.902300",
        "opening_hours": _WEEKDAY_HOURS + "\n周六 上午 9:00—12:00（综合窗口）",
        "consultation_phone": "0859-6643001",
        "complaint_phone": "0859-6643002",
        "director_name": "周丽娟",
        "director_title": "街道办事处副主任",
        "market_day_calendar": "none",
        "market_day_numbers": "",
        "intro": "<p>中心实行延时服务和周六值班制度，方便上班族办事。</p>",
        "stations": [
            {
                "slug": "dongmen",
                "title": "东门社区便民服务站",
                "official_name": "青石县城关街道东门社区便民服务站",
                "village_name": "东门社区",
                "station_kind": "station",
                "address": "城关街道东门路 5 号社区服务中心",
                "opening_hours": _WEEKDAY_HOURS,
                "phone": "0859-6643101",
                "agents": [
                    {
                        "name": "王志强",
                        "phone": "13800000301",
                        "center_weekdays": "1,3,5",
                        "on_market_days": False,
                        "duties": "养老认证、居住证明代办",
                    },
                    {
                        "name": "刘芳",
                        "phone": "13800000302",
                        "center_weekdays": "2",
                        "on_market_days": False,
                        "duties": "就业登记、灵活就业社保代办",
                    },
                ],
            },
            {
                "slug": "nanjie",
                "title": "南街社区便民服务站",
                "official_name": "青石县城关街道南街社区便民服务站",
                "village_name": "南街社区",
                "station_kind": "station",
                "address": "城关街道南街 21 号",
                "opening_hours": _WEEKDAY_HOURS,
                "phone": "0859-6643102",
                "agents": [
                    {
                        "name": "赵德明",
                        "phone": "13800000303",
                        "center_weekdays": "4",
                        "on_market_days": False,
                        "duties": "高龄津贴、残疾人证代办",
                    },
                ],
            },
        ],
    },
]
