"""The wording lexicon the county starts from (规范表述词库).

Each entry is (wrong, correct, severity, note). Wrong forms are matched as plain
text anywhere in a page, so every one of them must be an error wherever it
appears: a form that is also part of a correct phrase is left out, even when it
is a common mistake on its own. Left out on purpose, with the phrase it would hit:

- 全国人大常委 (inside the correct 全国人大常委会), 计生委 (村计生委员),
  纪检委 (纪检委员), 农业部 (农业部门), 文化部 (文化部门), 旅游局 (文化和旅游局),
  监察局 (国家矿山安全监察局), 国税局 (美国国税局);
- 国家海洋局: 自然资源部 keeps it as its second name (对外保留牌子);
- forms dictionaries accept either way: 精减/精简, 名符其实, 签定, 帐号, 其它, 法人代表.

"severe" is for names of the state, the Party and institutions written wrong, the
inspection's 严重错误表述 (a single-veto item); "error" for ordinary typos and for the
names institutions had before a reform: an archived document from before it uses
them rightly, so they cost points (and are flagged on publish) but do not veto.
"""

from __future__ import annotations

SEVERE = "severe"
ERROR = "error"
RENAMED = ERROR  # an old institution name: right in its day, wrong in new text

REFORM_2018 = "2018年国务院机构改革后已更名"

ENTRIES: list[tuple[str, str, str, str]] = [
    # The state, the Party, the people's congresses and the CPPCC.
    ("中华人民共合国", "中华人民共和国", SEVERE, "国名错字"),
    (
        "全国人大常务委员会",
        "全国人民代表大会常务委员会",
        SEVERE,
        "全称与简称混用，简称为全国人大常委会",
    ),
    ("人民代表大会常委会", "人民代表大会常务委员会", SEVERE, "全称与简称混用，简称为人大常委会"),
    ("中国人民政治协商委员会", "中国人民政治协商会议", SEVERE, "政协全称为中国人民政治协商会议"),
    ("国务院办公室", "国务院办公厅", SEVERE, "机构名称错误"),
    ("中共中央办公室", "中共中央办公厅", SEVERE, "机构名称错误"),
    ("人民检查院", "人民检察院", SEVERE, "“检察”误作“检查”"),
    ("台湾政府", "台湾当局", SEVERE, "涉台规范表述"),
    ("香港政府", "香港特别行政区政府", SEVERE, "涉港规范表述，可简称香港特区政府"),
    ("澳门政府", "澳门特别行政区政府", SEVERE, "涉澳规范表述，可简称澳门特区政府"),
    # Institutions renamed or merged in the 2018 State Council reform (and 2008 before it).
    ("国土资源部", "自然资源部", RENAMED, REFORM_2018),
    ("国土资源厅", "自然资源厅", RENAMED, REFORM_2018),
    ("国土资源局", "自然资源局", RENAMED, REFORM_2018),
    ("环境保护部", "生态环境部", RENAMED, REFORM_2018),
    ("环境保护厅", "生态环境厅", RENAMED, REFORM_2018),
    ("环境保护局", "生态环境局", RENAMED, REFORM_2018),
    ("环保局", "生态环境局", RENAMED, REFORM_2018),
    ("卫生和计划生育委员会", "卫生健康委员会", RENAMED, REFORM_2018),
    ("卫生计生委", "卫生健康委", RENAMED, REFORM_2018),
    ("卫计委", "卫健委", RENAMED, REFORM_2018),
    ("卫计局", "卫生健康局", RENAMED, REFORM_2018),
    ("工商行政管理总局", "市场监督管理总局", RENAMED, REFORM_2018),
    ("工商行政管理局", "市场监督管理局", RENAMED, REFORM_2018),
    ("工商局", "市场监督管理局", RENAMED, REFORM_2018 + "，简称市场监管局"),
    (
        "食品药品监督管理总局",
        "国家市场监督管理总局",
        RENAMED,
        REFORM_2018 + "，药品由国家药品监督管理局监管",
    ),
    ("食品药品监督管理局", "市场监督管理局", RENAMED, REFORM_2018),
    ("食药监局", "市场监督管理局", RENAMED, REFORM_2018),
    (
        "质量监督检验检疫总局",
        "国家市场监督管理总局",
        RENAMED,
        REFORM_2018 + "，出入境检验检疫划入海关总署",
    ),
    ("质量技术监督局", "市场监督管理局", RENAMED, REFORM_2018),
    ("质监局", "市场监督管理局", RENAMED, REFORM_2018),
    ("出入境检验检疫局", "海关", RENAMED, REFORM_2018),
    ("农业厅", "农业农村厅", RENAMED, REFORM_2018),
    ("农业局", "农业农村局", RENAMED, REFORM_2018),
    ("国家旅游局", "文化和旅游部", RENAMED, REFORM_2018),
    ("国家林业局", "国家林业和草原局", RENAMED, REFORM_2018),
    ("国家粮食局", "国家粮食和物资储备局", RENAMED, REFORM_2018),
    ("国家新闻出版广电总局", "国家广播电视总局", RENAMED, REFORM_2018 + "，新闻出版划入中央宣传部"),
    ("安全生产监督管理总局", "应急管理部", RENAMED, REFORM_2018),
    ("安全生产监督管理局", "应急管理局", RENAMED, REFORM_2018),
    ("安监局", "应急管理局", RENAMED, REFORM_2018),
    ("国务院法制办公室", "司法部", RENAMED, REFORM_2018),
    (
        "国家税务局",
        "国家税务总局",
        RENAMED,
        "2018年国税地税征管体制改革后合并，地方为国家税务总局××税务局",
    ),
    ("地方税务局", "税务局", RENAMED, "2018年国税地税征管体制改革后已合并"),
    ("地税局", "税务局", RENAMED, "2018年国税地税征管体制改革后已合并"),
    ("劳动和社会保障部", "人力资源和社会保障部", RENAMED, "2008年国务院机构改革后已更名"),
    ("劳动和社会保障局", "人力资源和社会保障局", RENAMED, "2008年国务院机构改革后已更名"),
    # Frequent typos in official text.
    ("既日起", "即日起", ERROR, "“即”意为就是、当下"),
    ("截止目前", "截至目前", ERROR, "“截至”后接时间点，“截止”用于某时停止"),
    ("迫不急待", "迫不及待", ERROR, "成语错字"),
    ("按步就班", "按部就班", ERROR, "成语错字"),
    ("一如继往", "一如既往", ERROR, "成语错字"),
    ("再接再励", "再接再厉", ERROR, "成语错字"),
    ("凭心而论", "平心而论", ERROR, "成语错字"),
    ("老俩口", "老两口", ERROR, "错字"),
    ("不径而走", "不胫而走", ERROR, "成语错字"),
    ("默守成规", "墨守成规", ERROR, "成语错字"),
    ("出奇不意", "出其不意", ERROR, "成语错字"),
    ("走头无路", "走投无路", ERROR, "成语错字"),
    ("甘败下风", "甘拜下风", ERROR, "成语错字"),
    ("穿流不息", "川流不息", ERROR, "成语错字"),
    ("有的放失", "有的放矢", ERROR, "成语错字"),
    ("变本加利", "变本加厉", ERROR, "成语错字"),
    ("针贬时弊", "针砭时弊", ERROR, "成语错字"),
    ("一愁莫展", "一筹莫展", ERROR, "成语错字"),
    ("既往不究", "既往不咎", ERROR, "成语错字"),
    ("人才倍出", "人才辈出", ERROR, "成语错字"),
    ("坐谈会", "座谈会", ERROR, "错字"),
    ("渡假村", "度假村", ERROR, "错字"),
]


def seed(formulation_model) -> int:
    """Create the entries missing from the lexicon (by wrong form); returns how many.

    Takes the model as an argument so a data migration can pass its historical one.
    An entry already there is left as the county's administrators have it.
    """
    created = 0
    for wrong, correct, severity, note in ENTRIES:
        _, new = formulation_model.objects.get_or_create(
            wrong=wrong, defaults={"correct": correct, "severity": severity, "note": note}
        )
        created += new
    return created
