"""Reading one Akoma Ntoso document (one language expression) into drafts.

Accord's own exports are read exactly: element names are provision kinds,
`<num>` is the number as stored, whitespace is the text's own and the
proprietary block gives the document's kind, languages and label. Other
documents are read for what they hold, with warnings rather than failures:

- hierarchy elements (`article`, `chapter`, `section`, `paragraph`, `point`
  and their relatives such as `clause`, `subsection`, `indent`) become
  provisions of the nearest kind the tree allows; a `section` without
  articles in it is an article, as in British and American statutes;
- groupings (`hcontainer`, a debate's `debateSection`, a judgment's parts)
  become parts, chapters, sections… by depth; speeches, questions and answers
  become paragraphs headed by their speaker;
- a `list` is transparent: its intro is the text of the provision it is in;
- recitals, citations and other preamble blocks become preamble paragraphs;
- the components of a `documentCollection` become one part each;
- numbers lose their label and punctuation ("Art. 1." → "1", "(a)" → "a"),
  whitespace is collapsed; attachments, conclusions and notes are reported
  and not imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from accord.core.errors import ValidationError
from accord.documents.enums import ProvisionKind
from accord.documents.services import MAX_TEXT_LENGTH
from accord.negotiation import markup

from .drafts import Draft, Warnings
from .inline import InlineReader
from .safexml import local, text_of
from .vocabulary import (
    AKN_NS,
    DEFAULT_KIND,
    ELEMENT_OF_KIND,
    KIND_OF_DOCUMENT_TYPE,
    accord,
    akn,
    kind_of_name,
    two_letter,
)

ROLES: dict[str, str] = {
    **dict.fromkeys(("book", "tome", "part", "subpart", "title", "subtitle"), "part"),
    **dict.fromkeys(("chapter", "subchapter"), "chapter"),
    **dict.fromkeys(("division", "subdivision"), "section"),
    **dict.fromkeys(("article", "clause", "rule"), "article"),
    **dict.fromkeys(
        ("paragraph", "subsection", "alinea", "subrule", "proviso", "transitional", "subclause"),
        "paragraph",
    ),
    **dict.fromkeys(("subparagraph", "point", "indent", "sublist", "level"), "point"),
}
CONTAINERS = frozenset(
    {
        "hcontainer",
        "debateSection",
        "speechGroup",
        "administrationOfOath",
        "rollCall",
        "prayers",
        "oralStatements",
        "writtenStatements",
        "personalStatements",
        "ministerialStatements",
        "resolutions",
        "nationalInterest",
        "declarationOfVote",
        "communication",
        "petitions",
        "papers",
        "noticesOfMotion",
        "questions",
        "address",
        "proceduralMotions",
        "pointOfOrder",
        "adjournment",
        "introduction",
        "background",
        "arguments",
        "remedies",
        "motivation",
        "decision",
        "amendmentHeading",
        "amendmentContent",
        "amendmentReference",
        "amendmentJustification",
    }
)
# Containers of text only: one paragraph each, headed by the speaker if any.
LEAVES = frozenset(
    {"speech", "question", "answer", "narrative", "summary", "scene", "other", "tblock"}
)
KIND_OF_ELEMENT = frozenset(ELEMENT_OF_KIND.values())
TRANSPARENT = frozenset({"list", "recitals", "citations"})
BODIES = (
    "body",
    "mainBody",
    "debateBody",
    "judgmentBody",
    "amendmentBody",
    "portionBody",
    "collectionBody",
)
_LABEL = re.compile(r"^(?:§+\s*|[^\W\d_]{2,}\.?\s+)(?=\S)")
_SPACES = re.compile(r"\s+")


def clean_number(raw: str) -> str:
    """'Art. 1.' → '1', '(a)' → 'a', 'a)' → 'a', '§ 3' → '3', 'CHAPTER IV' → 'IV'."""
    number = _SPACES.sub(" ", raw).strip()
    unlabelled = _LABEL.sub("", number, count=1)
    if unlabelled != number and (any(c.isdigit() for c in unlabelled) or len(unlabelled) <= 6):
        number = unlabelled
    number = number.strip()
    if number.startswith("(") and number.endswith(")"):
        number = number[1:-1]
    return number.rstrip(".):—–- ").lstrip("(").strip()


@dataclass
class AccordMeta:
    """What an Accord export says about itself in its proprietary block."""

    kind: str
    slug: str
    symbol: str
    working_language: str
    authentic_languages: list[str]
    illustrative: bool
    label: str
    statuses: set[str] = field(default_factory=set)
    title_missing: bool = False  # the title in the file is another language's


@dataclass
class Expression:
    """One language expression of a work, read."""

    language: str
    work: str
    element: str
    title: str
    symbol: str
    kind: str
    meta: AccordMeta | None
    provisions: list[Draft]


def _accord_meta(meta: etree._Element | None) -> AccordMeta | None:
    if meta is None:
        return None
    doc = meta.find(f"{akn('proprietary')}/{accord('document')}")
    if doc is None:
        return None
    version = meta.find(f"{akn('proprietary')}/{accord('version')}")
    statuses = {
        item.get("status", "")
        for item in meta.iterfind(
            f"{akn('proprietary')}/{accord('provisions')}/{accord('provision')}"
        )
    }
    return AccordMeta(
        kind=doc.get("kind", ""),
        slug=doc.get("slug", ""),
        symbol=doc.get("symbol", ""),
        working_language=doc.get("workingLanguage", ""),
        authentic_languages=(doc.get("authenticLanguages") or "").split(),
        illustrative=doc.get("illustrative") == "true",
        label=version.get("label", "") if version is not None else "",
        statuses=statuses - {"", "not_discussed"},
        title_missing=doc.get("title") == "missing",
    )


def _value(meta: etree._Element | None, path: str, attribute: str = "value") -> str:
    if meta is None:
        return ""
    found = meta.find(path)
    return (found.get(attribute) or "").strip() if found is not None else ""


class Reader:
    """Reads one Akoma Ntoso document. `codes`: the delegation codes of the
    process the document goes into (attributions to others are dropped, with
    a warning)."""

    def __init__(self, root: etree._Element, *, codes: frozenset[str], warnings: Warnings) -> None:
        if local(root) != "akomaNtoso" or etree.QName(root).namespace != AKN_NS:
            raise ValidationError(
                f"This is not an Akoma Ntoso 3.0 document: its root is <{local(root) or '?'}> "
                f"in the namespace {etree.QName(root).namespace or '(none)'}, not <akomaNtoso> "
                f"in {AKN_NS}.",
                field="file",
            )
        documents = [c for c in root if local(c) and local(c) != "components"]
        if not documents:
            raise ValidationError("The Akoma Ntoso file holds no document.", field="file")
        self.root = root
        self.doc = documents[0]
        self.codes = codes
        self.warnings = warnings
        self.meta = self.doc.find(akn("meta"))
        self.accord = _accord_meta(self.meta)
        self.exact = self.accord is not None
        raw_language = _value(
            self.meta,
            f"{akn('identification')}/{akn('FRBRExpression')}/{akn('FRBRlanguage')}",
            "language",
        )
        if not raw_language:
            raise ValidationError(
                "The Akoma Ntoso file does not say its language (FRBRExpression/FRBRlanguage).",
                field="file",
            )
        self.language = two_letter(raw_language)
        self.inline = InlineReader(exact=self.exact)

    # The document ------------------------------------------------------------

    def read(self) -> Expression:
        ident = f"{akn('identification')}/{akn('FRBRWork')}"
        work = _value(self.meta, f"{ident}/{akn('FRBRuri')}")
        element = local(self.doc)
        if self.accord is not None and self.accord.kind:
            kind = self.accord.kind
        else:
            kind = (
                kind_of_name(self.doc.get("name", "")) if element in ("doc", "statement") else None
            ) or KIND_OF_DOCUMENT_TYPE.get(element, DEFAULT_KIND)
        provisions = self.document(self.doc, path="")
        for name in ("attachments", "conclusions"):
            found = self.doc.find(akn(name))
            if found is not None and text_of(found).strip():
                self.warnings.add(f"the document's {name} were not imported")
        if element != "documentCollection" and self.root.find(akn("components")) is not None:
            self.warnings.add("the components after the document were not imported")
        self.warnings.update(self.inline.warnings)
        if self.accord is not None and self.accord.title_missing:
            title = ""  # the title in the file stands in for one this language lacks
        else:
            title = (
                self.title(self.doc)
                or self._first_heading()
                or _value(self.meta, f"{ident}/{akn('FRBRname')}")
                or _value(self.meta, f"{ident}/{akn('FRBRalias')}")
                or work
            )
        return Expression(
            language=self.language,
            work=work,
            element=element,
            title=title,
            symbol=(self.accord.symbol if self.accord else "")
            or self._first_text(self.doc, ("docNumber",)),
            kind=kind,
            meta=self.accord,
            provisions=provisions,
        )

    def _first_text(self, doc: etree._Element, names: tuple[str, ...]) -> str:
        for where in ("preface", "coverPage"):
            container = doc.find(akn(where))
            if container is None:
                continue
            for name in names:
                found = container.find(f".//{akn(name)}")
                if found is not None:
                    text = self._plain(found)
                    if text:
                        return text
        return ""

    def _first_heading(self) -> str:
        """'CHAPTER 3 — CONVENTION ON …' for a portion of a code without a title page."""
        body = next((c for c in self.doc if local(c) in BODIES), None)
        first = next((c for c in body if local(c)), None) if body is not None else None
        if first is None:
            return ""
        parts = [self._plain(c).rstrip("—–-:. ") for c in first if local(c) in ("num", "heading")]
        return " — ".join(p for p in parts if p)

    def title(self, doc: etree._Element) -> str:
        return self._first_text(doc, ("shortTitle", "docTitle", "longTitle"))

    def _plain(self, element: etree._Element) -> str:
        text = text_of(element)
        return text.strip() if self.exact else _SPACES.sub(" ", text).strip()

    def document(self, doc: etree._Element, *, path: str) -> list[Draft]:
        drafts: list[Draft] = []
        preamble = doc.find(akn("preamble"))
        if preamble is not None:
            drafts.extend(self.preamble(preamble, path=f"{path}preamble/"))
        body = next((c for c in doc if local(c) in BODIES), None)
        if body is None:
            self.warnings.add(f"a <{local(doc)}> without a body was imported without provisions")
        elif local(body) == "collectionBody":
            drafts.extend(self.collection(body, path=path))
        else:
            drafts.extend(self.members(body, path=f"{path}body/"))
        return drafts

    # Structure ----------------------------------------------------------------

    def _key(self, element: etree._Element, path: str) -> str:
        return element.get("GUID") or element.get("eId") or path

    def _text(self, blocks: list[etree._Element]) -> str:
        if not blocks:
            return ""
        value = self.inline.read(blocks)
        return markup.render(self._known(value))

    def _known(self, value: markup.Markup) -> markup.Markup:
        """`value` with attributions to delegations outside the process dropped."""
        dropped: set[str] = set()

        def keep(codes: tuple[str, ...]) -> tuple[str, ...]:
            dropped.update(c for c in codes if c not in self.codes)
            return tuple(c for c in codes if c in self.codes)

        def nodes(content: tuple[markup.Node, ...]) -> tuple[markup.Node, ...]:
            out: list[markup.Node] = []
            for node in content:
                if isinstance(node, markup.Bracket):
                    out.append(
                        markup.Bracket(
                            id=node.id,
                            content=nodes(node.content),
                            attribution=keep(node.attribution),
                            deletion=node.deletion,
                        )
                    )
                elif isinstance(node, markup.OptionSet):
                    options = tuple(
                        markup.Option(
                            id=o.id,
                            label=o.label,
                            content=nodes(o.content) if o.content is not None else None,
                            attribution=keep(o.attribution),
                        )
                        for o in node.options
                    )
                    out.append(markup.OptionSet(id=node.id, options=options))
                else:
                    out.append(node)
            return tuple(out)

        result = markup.Markup(nodes(value.content))
        for code in sorted(dropped):
            self.warnings.add(
                f"delegation {code} is not in this process: its name was taken out of attributions"
            )
        return result

    def _number(self, element: etree._Element) -> str:
        raw = text_of(element)
        return raw.strip() if self.exact else clean_number(raw)

    def role(self, element: etree._Element) -> str | None:
        name = local(element)
        if self.exact:
            return name if name in KIND_OF_ELEMENT else None
        if name == "hcontainer":
            wanted = element.get("name", "")
            return wanted if wanted in KIND_OF_ELEMENT else "container"
        if name == "section":
            nested = element.find(f".//{akn('article')}") is not None or (
                element.find(f".//{akn('clause')}") is not None
            )
            return "section" if nested else "article"
        if name in ROLES:
            return ROLES[name]
        if name in CONTAINERS:
            return "container"
        if name in LEAVES:
            return "leaf"
        return None

    def _flatten(self, element: etree._Element) -> list[etree._Element]:
        found: list[etree._Element] = []
        for child in element:
            if local(child) in TRANSPARENT:
                found.extend(self._flatten(child))
            elif local(child):
                found.append(child)
        return found

    def members(self, element: etree._Element, *, path: str) -> list[Draft]:
        """The provisions directly in a body or container."""
        drafts: list[Draft] = []
        for index, child in enumerate(self._flatten(element)):
            draft = self.node(child, path=f"{path}{index}/")
            if draft is not None:
                drafts.append(draft)
        return drafts

    def node(self, element: etree._Element, *, path: str) -> Draft | None:
        name = local(element)
        if name == "componentRef":
            self.warnings.add("a reference to a component inside the text was not imported")
            return None
        if name == "crossHeading":
            heading = self._plain(element)
            return (
                Draft(role="paragraph", texts={self.language: (heading, "")}, key=path)
                if (heading)
                else None
            )
        role = self.role(element)
        if role is None:
            text = self._text([element])
            return (
                Draft(role="paragraph", texts={self.language: ("", text)}, key=path)
                if (text)
                else None
            )
        draft = Draft(role="paragraph" if role == "leaf" else role, key=self._key(element, path))
        headings: list[str] = []
        leading: list[etree._Element] = []

        def text_blocks(blocks: list[etree._Element], key: str) -> None:
            if not draft.children:
                leading.extend(blocks)
                return
            tail = self._text(blocks)  # text after sub-provisions: a paragraph of its own
            if tail:
                draft.children.append(
                    Draft(role="paragraph", texts={self.language: ("", tail)}, key=key)
                )

        mixed = bool((element.text or "").strip()) or any(
            (child.tail or "").strip() for child in element
        )
        for index, child in enumerate(self._flatten(element)):
            child_name = local(child)
            where = f"{path}{index}/"
            if child_name == "num":
                if not draft.number:
                    draft.number = self._number(child)
            elif child_name in ("heading", "subheading", "from"):
                heading = self._plain(child)
                if heading:
                    headings.append(heading)
            elif role == "leaf":
                if not mixed:
                    leading.append(child)
            elif child_name in ("content", "intro", "wrapUp"):
                text_blocks(self._blocks(child), where)
            elif child_name == "crossHeading" or self.role(child) is not None:
                found = self.node(child, path=where)
                if found is not None:
                    draft.children.append(found)
            else:
                text_blocks([child], where)
        if role == "leaf" and mixed:
            leading = [element]  # text straight in the element: all of it, as one block
        heading = " — ".join(headings)
        text, *more = self._texts(leading)
        if heading or text:
            draft.texts[self.language] = (heading, text)
        if more:
            self.warnings.add(
                f"a text longer than {MAX_TEXT_LENGTH:,} characters was split into paragraphs"
            )
            draft.children[:0] = [
                Draft(role="paragraph", texts={self.language: ("", t)}, key=f"{path}more{n}/")
                for n, t in enumerate(more, 1)
            ]
        return draft

    def _texts(self, blocks: list[etree._Element]) -> list[str]:
        """The text of `blocks`, in pieces that each fit a provision's text."""
        text = self._text(blocks)
        if len(text) <= MAX_TEXT_LENGTH or len(blocks) < 2:
            return [text]
        pieces: list[str] = []
        group: list[etree._Element] = []
        size = 0
        for block in blocks:
            length = len(text_of(block))
            if group and size + length > MAX_TEXT_LENGTH * 0.9:
                pieces.append(self._text(group))
                group, size = [], 0
            group.append(block)
            size += length + 1
        pieces.append(self._text(group))
        return [p for p in pieces if p] or [""]

    @staticmethod
    def _blocks(element: etree._Element) -> list[etree._Element]:
        return [c for c in element if local(c)]

    # Preamble and collections -------------------------------------------------

    def preamble(self, preamble: etree._Element, *, path: str) -> list[Draft]:
        drafts: list[Draft] = []
        for index, child in enumerate(self._flatten(preamble)):
            where = f"{path}{index}/"
            if local(child) in ("recital", "citation", "item"):
                drafts.append(self.item(child, role="preamble", path=where))
            elif local(child) in ("intro", "wrapUp"):
                text = self._text(self._blocks(child))
                if text:
                    drafts.append(
                        Draft(role="preamble", texts={self.language: ("", text)}, key=where)
                    )
            else:
                blocks = (
                    self._blocks(child)
                    if local(child) in ("formula", "container", "longTitle")
                    else [child]
                )
                text = self._text(blocks)
                if text:
                    drafts.append(
                        Draft(
                            role="preamble",
                            texts={self.language: ("", text)},
                            key=self._key(child, where),
                        )
                    )
        return drafts

    def item(self, element: etree._Element, *, role: str, path: str) -> Draft:
        """A recital or citation (or an item of a list in one): its blocks are
        its text, the items of its block lists are its points."""
        draft = Draft(role=role, key=self._key(element, path))
        heading = ""
        blocks: list[etree._Element] = []
        for index, child in enumerate(c for c in element if local(c)):
            name = local(child)
            if name == "num":
                draft.number = self._number(child)
            elif name == "heading":
                heading = self._plain(child)
            elif name == "blockList":
                for position, entry in enumerate(c for c in child if local(c) == "item"):
                    draft.children.append(
                        self.item(
                            entry, role=ProvisionKind.POINT, path=f"{path}{index}/{position}/"
                        )
                    )
                intro = [c for c in child if local(c) in ("listIntroduction", "listWrapUp")]
                blocks.extend(intro)
            else:
                blocks.append(child)
        text = self._text(blocks)
        if heading or text:
            draft.texts[self.language] = (heading, text)
        return draft

    def collection(self, body: etree._Element, *, path: str) -> list[Draft]:
        index: dict[str, etree._Element] = {}
        components = self.root.find(akn("components"))
        if components is not None:
            index = {c.get("eId", ""): c for c in components if local(c) == "component"}
        drafts: list[Draft] = []
        for number, component in enumerate((c for c in body if local(c) == "component"), 1):
            ref = component.find(akn("documentRef"))
            target: etree._Element | None = component
            if ref is not None:
                href = ref.get("href") or ""
                target = index.get(href[1:]) if href.startswith("#") else None
                # The components after the collection carry the eIds of its entries.
                target = target if target is not None else index.get(component.get("eId", ""))
            documents = (
                [c for c in target if local(c) and local(c) != "documentRef"]
                if (target is not None)
                else []
            )
            if not documents:
                shown = (
                    ref.get("showAs") or ref.get("href")
                    if ref is not None
                    else component.get("eId")
                )
                self.warnings.add(
                    f"component {shown} refers to a document outside the file and was not imported"
                )
                continue
            inner = documents[0]
            title = (
                self.title(inner)
                or (ref.get("showAs", "") if ref is not None else "")
                or (inner.get("name", ""))
            )
            where = f"{path}component{number}/"
            drafts.append(
                Draft(
                    role=ProvisionKind.PART,
                    number=str(number),
                    texts={self.language: (title, "")},
                    children=self.document(inner, path=where),
                    key=component.get("eId") or where,
                )
            )
        if drafts:
            self.warnings.add(
                f"a collection of {len(drafts)} documents: each was imported as a part"
            )
        return drafts
