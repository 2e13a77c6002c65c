"""Open311 GeoReport v2 responses in the specification's two formats.

JSON lists are bare arrays; XML starts with the declaration and uses the specification's root and
child element names. Errors are `[{"code", "description"}]` or `<errors><error>…</error></errors>`.
"""

from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse, JsonResponse

FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(parent: ET.Element, value: Any, item: str) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            child = ET.SubElement(parent, key)
            _fill(child, inner, LIST_ITEMS.get(key, key[:-1]))
    elif isinstance(value, list):
        for inner in value:
            _fill(ET.SubElement(parent, item), inner, item)
    else:
        parent.text = _text(value)


# The element name of one entry in each list the specification defines.
LIST_ITEMS = {
    "endpoints": "endpoint",
    "formats": "format",
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "service_requests": "request",
    "extensions": "extension",
    "errors": "error",
}


def to_xml(root: str, value: Any) -> bytes:
    element = ET.Element(root)
    _fill(element, value, LIST_ITEMS.get(root, root[:-1]))
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def respond(fmt: str, root: str, value: Any, status: int = 200) -> HttpResponse:
    """`value` as JSON, or as XML under the element `root`."""
    if fmt == "xml":
        return HttpResponse(to_xml(root, value), content_type=FORMATS["xml"], status=status)
    return JsonResponse(value, safe=False, status=status, json_dumps_params={"ensure_ascii": False})


def errors(fmt: str, status: int, *descriptions: str) -> HttpResponse:
    body = [{"code": status, "description": str(d)} for d in descriptions]
    return respond(fmt, "errors", body, status=status)
