# Type stubs for the part of django-treebeard the project uses (treebeard ships none): a
# materialised-path node is an abstract model with a path, a depth and a child count.
from typing import Any, ClassVar

from django.db import models

class MP_NodeQuerySet(models.QuerySet[Any]): ...

class MP_NodeManager(models.Manager[Any]):
    def __getattr__(self, name: str) -> Any: ...

class MP_Node(models.Model):
    steplen: ClassVar[int]
    alphabet: ClassVar[str]
    node_order_by: ClassVar[list[str]]
    path: models.CharField[str, str]
    depth: models.PositiveIntegerField[int, int]
    numchild: models.PositiveIntegerField[int, int]
    MOVENODE_FORM_EXCLUDED_FIELDS: ClassVar[tuple[str, ...]]
    objects: ClassVar[MP_NodeManager]
    @classmethod
    def add_root(cls, **kwargs: Any) -> Any: ...
    @classmethod
    def get_root_nodes(cls) -> Any: ...
    @classmethod
    def _get_path(cls, path: str | None, depth: int, newstep: int) -> str: ...
    @classmethod
    def _str2int(cls, num: str) -> int: ...
    def add_child(self, **kwargs: Any) -> Any: ...
    def __getattr__(self, name: str) -> Any: ...
    class Meta:
        abstract = True
