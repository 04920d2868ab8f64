"""The scanner's lexicon and clearances move here from the documents app, keeping their tables."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def relabel_content_types(apps, schema_editor):
    """Permissions and references follow the model: its content type changes app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="portal_documents", model__in=['injectionterm', 'scanclearance']).update(
        app_label="scanner"
    )


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="scanner", model__in=['injectionterm', 'scanclearance']).update(
        app_label="portal_documents"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('portal_documents', '0004_unique_index_number'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        # The table already exists (created by the documents app, whose name it keeps).
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='InjectionTerm',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('term', models.CharField(max_length=60, unique=True, verbose_name='词语')),
                    ('category', models.CharField(choices=[('gambling', '赌博、博彩'), ('lottery', '彩票'), ('app', '应用下载、推广'), ('official-site', '冒充“官网”'), ('adult', '色情低俗'), ('finance', '贷款、理财诈骗'), ('other', '其他')], max_length=20, verbose_name='类别')),
                    ('weight', models.PositiveSmallIntegerField(default=3, help_text='1–5：单独出现即可判定的词填 5，需结合上下文的词填 1–2', verbose_name='权重')),
                    ('active', models.BooleanField(default=True, verbose_name='启用')),
                    ('note', models.CharField(blank=True, max_length=200, verbose_name='备注')),
                ],
                options={
                    'verbose_name': '植入内容词库',
                    'verbose_name_plural': '植入内容词库',
                    'db_table': 'portal_documents_injectionterm',
                    'ordering': ['category', 'term'],
                },
            ),
            migrations.CreateModel(
                name='ScanClearance',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('text_hash', models.CharField(max_length=64)),
                    ('cleared_at', models.DateTimeField(auto_now_add=True)),
                    ('findings', models.JSONField(default=list)),
                    ('cleared_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scan_clearances', to=settings.WAGTAIL_PAGE_MODEL)),
                ],
                options={
                    'db_table': 'portal_documents_scanclearance',
                    'constraints': [models.UniqueConstraint(fields=('page', 'text_hash'), name='one_clearance_per_text')],
                },
            ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_types, restore_content_types),
    ]
