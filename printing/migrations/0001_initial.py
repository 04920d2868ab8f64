"""HallRule moves here from the documents app, keeping its table."""

import django.db.models.deletion
from django.db import migrations, models


def relabel_content_types(apps, schema_editor):
    """Permissions and references follow the model: its content type changes app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="portal_documents", model__in=['hallrule']).update(
        app_label="printing"
    )


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="printing", model__in=['hallrule']).update(
        app_label="portal_documents"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('portal_documents', '0004_unique_index_number'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('pages', '0007_lifeevent_translatable'),
    ]

    operations = [
        # The table already exists (created by the documents app, whose name it keeps).
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='HallRule',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(help_text='例如：首问负责制', max_length=40, verbose_name='制度名称')),
                    ('body', models.TextField(help_text='每条一段，空行分段', verbose_name='制度内容')),
                    ('level', models.CharField(choices=[('center', '便民服务中心'), ('village', '村（社区）便民服务站')], default='center', help_text='村级制度印在各服务站的制度牌上', max_length=10, verbose_name='适用层级')),
                    ('board_size', models.CharField(choices=[('600x800', '60 × 80 厘米'), ('500x700', '50 × 70 厘米')], default='600x800', max_length=10, verbose_name='制度牌尺寸')),
                    ('sort_order', models.PositiveSmallIntegerField(default=0, verbose_name='排序')),
                    ('center', models.ForeignKey(blank=True, help_text='留空表示全县各中心通用', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='hall_rules', to='pages.servicecenterpage', verbose_name='适用中心')),
                ],
                options={
                    'verbose_name': '窗口制度',
                    'verbose_name_plural': '窗口制度',
                    'db_table': 'portal_documents_hallrule',
                    'ordering': ['sort_order', 'pk'],
                },
            ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_types, restore_content_types),
    ]
