"""Seed the county-wide name aliases: the old and new names of China's 2018
institutional reform (机构改革) and the usual short and full forms, as
departments and windows are named in township halls.

The list is frozen here, as a migration must be; editors extend it in the
admin (服务目录 → 名称别名). Rows an editor already made are left alone.
"""

from django.db import migrations

# standard name: the names that stand for it (old names, full forms, short forms)
SEED: dict[str, tuple[str, ...]] = {
    "卫健": (
        "卫生健康",
        "卫生和健康",
        "卫计",
        "卫生计生",
        "卫生和计划生育",
        "卫生计划生育",
        "计生",
        "计划生育",
        "人口计生",
        "人口和计划生育",
        "人口计划生育",
        "卫生",
    ),
    "医保": ("医疗保障", "医疗保险", "新农合", "农合", "合作医疗", "新型农村合作医疗"),
    "人社": (
        "人力资源和社会保障",
        "人力资源社会保障",
        "人力资源",
        "人力社保",
        "劳动保障",
        "劳动和社会保障",
        "劳动社保",
        "劳动就业",
        "劳保",
        "社保",
        "社会保障",
        "社会保险",
        "就业社保",
    ),
    "民政": ("民政事务", "社会救助"),
    "自然资源": (
        "自然资源和规划",
        "国土",
        "国土资源",
        "国土规划",
        "规划",
        "城乡规划",
        "不动产",
        "测绘",
    ),
    "住建": (
        "住房和城乡建设",
        "住房城乡建设",
        "城乡建设",
        "村镇建设",
        "城建",
        "建管",
        "住房保障",
    ),
    "农业农村": (
        "农业",
        "农机",
        "农技",
        "农经",
        "农村经营管理",
        "林业",
        "水利",
        "水务",
        "农牧",
        "畜牧",
        "畜牧兽医",
        "兽医",
        "农牧林水",
        "农林水",
    ),
    "市场监管": (
        "市场监督管理",
        "市场监督",
        "工商",
        "工商行政管理",
        "质监",
        "质量技术监督",
        "技术监督",
        "食药",
        "食药监",
        "食品药品监督管理",
        "食品药品监管",
        "食品药品",
    ),
    "税务": ("国税", "地税", "国地税", "税收"),
    "残联": ("残疾人联合会", "残疾人联合", "残疾人"),
    "公安": ("派出所", "户籍", "户政", "警务"),
    "司法": ("司法行政", "法律服务", "人民调解"),
    "退役军人": ("退役军人事务", "优抚", "双拥"),
    "应急": ("应急管理", "安监", "安全生产监督管理", "安全监管", "安全生产"),
    "文旅": ("文化和旅游", "文化旅游", "文广", "文化广电", "文广新", "文体", "文化"),
    "信访": ("信访维稳",),
    "生态环境": ("环保", "环境保护"),
}


def seed(apps, schema_editor):
    NameAlias = apps.get_model("pages", "NameAlias")
    taken = set(NameAlias.objects.filter(center__isnull=True).values_list("name", flat=True))
    NameAlias.objects.bulk_create(
        NameAlias(name=name, standard=standard)
        for standard, names in SEED.items()
        for name in names
        if name not in taken
    )


def unseed(apps, schema_editor):
    NameAlias = apps.get_model("pages", "NameAlias")
    for standard, names in SEED.items():
        NameAlias.objects.filter(center__isnull=True, standard=standard, name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [("pages", "0008_name_alias")]

    operations = [migrations.RunPython(seed, unseed)]
