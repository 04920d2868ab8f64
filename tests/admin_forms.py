"""Submit Wagtail admin page forms the way a browser does: read the form, change fields, post."""

from bs4 import BeautifulSoup


def read_form(html: str, form_id: str = "page-edit-form") -> dict[str, str | list[str]]:
    """Every successful control of the form as a browser would send it (but no submit buttons)."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", id=form_id) or soup.find("form", attrs={"method": "post"})
    assert form is not None, "admin form not found"
    data: dict[str, str] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("disabled") is not None:
            continue
        if field.name == "input":
            kind = field.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                continue
            if kind in ("checkbox", "radio"):
                if field.get("checked") is not None:
                    data[name] = field.get("value", "on")
                continue
            data[name] = field.get("value", "")
        elif field.name == "textarea":
            data[name] = field.text
        elif field.get("multiple") is not None:
            data[name] = [o.get("value", "") for o in field.find_all("option", selected=True)]
        else:
            selected = field.find("option", selected=True) or field.find("option")
            data[name] = selected.get("value", "") if selected else ""
    return data


def post_page_form(client, url: str, changes: dict[str, str], action: str = "action-publish"):
    """GET the admin page form at `url`, apply `changes`, POST it with the given action."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data = read_form(response.content.decode())
    data.update(changes)
    if action:
        data[action] = action
    return client.post(url, data)
