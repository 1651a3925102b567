"""What changed between two versions of a guide, as readers see it on the front end.

Fields and body blocks are turned into plain text and compared word by word with
difflib. Blocks are matched by their StreamField id, so a moved or edited block is
compared with itself and a new or removed block is shown as a whole.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from abhnetz.audiences.display import describe_object

from .blocks import comparison_text

TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class Segment:
    kind: str  # "equal", "insert" or "delete"
    text: str


@dataclass
class Change:
    label: str
    status: str  # "changed", "added", "removed" or "unchanged"
    segments: list[Segment] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"


@dataclass
class Comparison:
    fields: list[Change]
    blocks: list[Change]

    @property
    def changed_fields(self) -> list[Change]:
        return [change for change in self.fields if change.changed]

    @property
    def changed_blocks(self) -> list[Change]:
        return [change for change in self.blocks if change.changed]

    @property
    def change_count(self) -> int:
        return len(self.changed_fields) + len(self.changed_blocks)


def word_diff(old: str, new: str) -> list[Segment]:
    old_tokens, new_tokens = TOKENS.findall(old), TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    segments: list[Segment] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", "".join(old_tokens[a1:a2])))
            continue
        if op in ("delete", "replace"):
            segments.append(Segment("delete", "".join(old_tokens[a1:a2])))
        if op in ("insert", "replace"):
            segments.append(Segment("insert", "".join(new_tokens[b1:b2])))
    return [segment for segment in segments if segment.text]


def text_change(label: str, old: str, new: str) -> Change:
    if old == new:
        return Change(label, "unchanged", [Segment("equal", new)])
    return Change(label, "changed", word_diff(old, new))


def field_texts(guide) -> list[tuple[str, str]]:
    return [
        (_("Title"), guide.title),
        (_("Summary"), guide.summary),
        (_("Topics"), ", ".join(sorted(str(topic) for topic in guide.topics.all()))),
        (_("Visible to"), describe_object(guide)),
        (
            _("Review due on"),
            guide.review_due_on.strftime("%d.%m.%Y") if guide.review_due_on else "",
        ),
    ]


def block_texts(guide) -> list[tuple[str, str, str]]:
    """(id, label, text) of every block of the body, in order."""
    return [
        (child.id, str(child.block.label), comparison_text(child.block, child.value))
        for child in guide.body
    ]


def compare_guides(old, new) -> Comparison:
    fields = [
        text_change(label, old_text, new_text)
        for (label, old_text), (_label, new_text) in zip(
            field_texts(old), field_texts(new), strict=True
        )
    ]
    old_blocks, new_blocks = block_texts(old), block_texts(new)
    matcher = difflib.SequenceMatcher(
        None, [b[0] for b in old_blocks], [b[0] for b in new_blocks], autojunk=False
    )
    blocks: list[Change] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            for (_id, label, old_text), (_id2, _label, new_text) in zip(
                old_blocks[a1:a2], new_blocks[b1:b2], strict=True
            ):
                blocks.append(text_change(label, old_text, new_text))
            continue
        for _id, label, text in old_blocks[a1:a2]:
            blocks.append(Change(label, "removed", [Segment("delete", text)]))
        for _id, label, text in new_blocks[b1:b2]:
            blocks.append(Change(label, "added", [Segment("insert", text)]))
    return Comparison(fields=fields, blocks=blocks)
