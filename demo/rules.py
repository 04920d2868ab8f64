"""Demo hall rules for the fictional 青石县 (written for this project)."""

from printing.models import HallRule

RULES = [
    (
        "首问负责制",
        "群众到中心咨询或办事，首位接待的工作人员即为首问责任人。\n"
        "属于本人职责的，当场办理或说明办理要求；不属于本人职责的，引导到对应窗口，"
        "不得推诿。\n"
        "首问责任人对无法当场答复的问题做好登记，并在两个工作日内回复群众。",
    ),
    (
        "一次性告知制",
        "申请材料不齐全或不符合要求的，窗口工作人员一次性告知需要补齐的全部材料，"
        "并出具一次性告知书。\n"
        "因未一次性告知造成群众多跑路的，追究窗口工作人员责任。",
    ),
    (
        "限时办结制",
        "即办件当场办结；承诺件在承诺时限内办结；联办件由牵头窗口统一协调、限时办结。\n"
        "不能按时办结的，提前告知申请人原因和预计办结时间。",
    ),
    (
        "AB岗工作制",
        "每个岗位设A岗、B岗。A岗因公外出、请假时，由B岗接替办理，确保窗口不空岗、"
        "业务不断档。\n"
        "A岗、B岗不得同时离岗；逢场日全员在岗。",
    ),
    (
        "服务承诺制",
        "中心向社会公开服务事项、办理条件、申请材料、办理时限、收费标准和监督电话，"
        "接受群众监督。\n"
        "工作人员挂牌上岗，文明用语，热情服务。",
    ),
    (
        "责任追究制",
        "工作人员有推诿扯皮、吃拿卡要、超时办理等行为的，按有关规定追究责任。\n"
        "群众可拨打监督投诉电话反映问题，中心在五个工作日内调查处理并反馈。",
    ),
]


VILLAGE_RULES = [
    (
        "代办员工作制度",
        "代办员按照公示的代办事项为群众免费代办，不收取任何费用。\n"
        "代办员收到材料后当场登记，按约定时间送到镇便民服务中心，并及时把办理结果送回。\n"
        "代办员到中心的日子在公开栏公示，逢场日在中心窗口值守。",
    ),
    (
        "服务点公开制度",
        "服务点公开代办事项、所需材料、办理流程和代办员的姓名、电话。\n"
        "群众对代办服务有意见的，可拨打镇便民服务中心监督投诉电话反映。",
    ),
]


def load_rules() -> int:
    """County-wide rules, created once and repaired if edited; returns how many were new."""
    created = 0
    for level, rules, size in (("center", RULES, "600x800"), ("village", VILLAGE_RULES, "500x700")):
        for order, (title, body) in enumerate(rules):
            _rule, new = HallRule.objects.update_or_create(
                title=title,
                center=None,
                defaults={"body": body, "sort_order": order, "level": level, "board_size": size},
            )
            created += new
    return created
