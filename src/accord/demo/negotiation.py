"""Load the demo negotiation (`scenario.NegotiationSpec`) through the
negotiation services, acting as the people who would act: the head of each
delegation tables, co-sponsors, withdraws and records positions; the
secretariat compiles and does not retain; the chair and the facilitator
decide statuses. Their accounts pass the same rules as on the pages.

Idempotent like the rest of the loader: proposals are looked up by document
and number (the specs are tabled in order, so spec and language give the
number), co-sponsorships by proposal and delegation, the compilation and the
revision by label, positions by delegation and target (the n-th spec for a
target is recorded only if fewer than n positions exist), decisions by the
number already taken on the provision. Only what is missing is written.

The work comes in two halves around the revision (`texts.load_revision`),
which is started from the compilation text: `before_revision` tables and
compiles, `after_revision` does the rest on the revision's provisions.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator

from accord.accounts.models import User
from accord.core.errors import ValidationError
from accord.demo import scenario
from accord.demo.texts import Tally
from accord.documents import services as documents
from accord.documents.enums import VersionStatus
from accord.documents.models import Document, Provision, Version
from accord.documents.services import delegation_codes
from accord.negotiation import markup
from accord.negotiation.enums import ProposalStatus
from accord.negotiation.models import Cosponsorship, Position, Proposal, ProvisionState
from accord.negotiation.services import compilation, positions, proposals, status
from accord.negotiation.services.common import latest_version
from accord.processes.models import Delegation, Person

PARTY_CODES = {p.slug: p.iso_code for p in scenario.PARTIES if p.iso_code}


def _joined(texts: dict[str, str]) -> str:
    """A free text given in several languages, stored as one: the working
    language first, each language on its own line."""
    return "\n".join(texts[language] for language in ("ru", "en") if language in texts)


class NegotiationLoader:
    def __init__(
        self,
        spec: scenario.NegotiationSpec,
        *,
        document: Document,
        delegations: dict[str, Delegation],
        tally: Tally,
    ) -> None:
        self.spec = spec
        self.document = document
        self.delegations = delegations
        self.tally = tally
        self.first = document.versions.get(number=1)
        # Every provision named in the specs is named by its Zero draft eId.
        self.uids = {p.eid: p.uid for p in self.first.provisions.all()}
        self.users = {u.username: u for u in User.objects.filter(is_superuser=False)}
        self.numbers = dict(self._numbering())
        on_compilation = [p.on_compilation for p in spec.proposals]
        assert on_compilation == sorted(on_compilation), "proposals on the compilation come last"

    def _numbering(self) -> Iterator[tuple[tuple[str, str], int]]:
        number = 0
        for proposal in self.spec.proposals:
            for language in proposal.rationale:
                number += 1
                yield (proposal.key, language), number

    def _head(self, party: str) -> User:
        return self.users[f"{PARTY_CODES[party].lower()}-head"]

    def _proposal(self, key: str, language: str) -> Proposal:
        return Proposal.objects.get(document=self.document, number=self.numbers[(key, language)])

    def _versions(self, key: str) -> list[Proposal]:
        """The proposal of spec `key` in each of its languages."""
        spec = next(p for p in self.spec.proposals if p.key == key)
        return [self._proposal(key, language) for language in spec.rationale]

    def compilation(self) -> Version | None:
        return self.document.versions.filter(label=self.spec.compilation_label).first()

    # --- before the revision -------------------------------------------------

    def before_revision(self) -> None:
        """Table the proposals on the first version, let co-sponsors join and
        leave, withdraw and set aside what the story says, compile the rest."""
        for spec in self.spec.proposals:
            if not spec.on_compilation:
                self._table(spec, self.first)
        if self.compilation() is not None:
            return
        if self.document.versions.filter(status=VersionStatus.WORKING).exists():
            # A working copy opened before the negotiation was loaded (demo
            # data from an earlier release): a compilation now would come
            # after the revision it should precede. Leave the proposals tabled.
            return
        secretariat = self.users[self.spec.secretariat]
        tabled = [
            self._proposal(spec.key, language)
            for spec in self.spec.proposals
            if not spec.on_compilation
            for language in spec.rationale
        ]
        result = compilation.compile_text(
            actor=secretariat,
            base=self.first,
            proposals=[p for p in tabled if p.status == ProposalStatus.TABLED],
            label=self.spec.compilation_label,
        )
        self.tally()
        if self.first.proposals_deadline is None:
            # Proposals on the Zero draft closed when the compilation was made.
            proposals.set_proposals_deadline(
                actor=secretariat, version=self.first, deadline=result.version.published_at
            )
            self.tally()

    def _table(self, spec: scenario.ProposalSpec, version: Version) -> None:
        delegation = self.delegations[spec.party]
        head = self._head(spec.party)
        provision = version.provisions.get(eid=spec.provision)
        for language in spec.rationale:
            number = self.numbers[(spec.key, language)]
            proposal = Proposal.objects.filter(document=self.document, number=number).first()
            if proposal is None:
                proposal = proposals.table_proposal(
                    actor=head,
                    provision=provision,
                    delegation=delegation,
                    operation=spec.operation,
                    language=language,
                    text=spec.texts.get(language, ""),
                    rationale=spec.rationale[language],
                    new_kind=spec.new_kind,
                    new_number=spec.new_number,
                    span=self._span(provision, spec, language),
                    target_ref=self._target(spec, language),
                    cosponsors=[self.delegations[slug] for slug in spec.cosponsors],
                )
                self.tally()
                if proposal.number != number:
                    raise ValidationError(
                        f"The demo's {proposal.label} should have been P-{number}: the "
                        "charter draft has proposals the demo did not table."
                    )
            self._sponsors(proposal, spec)
            self._close(proposal, spec, language)

    def _span(
        self, provision: Provision, spec: scenario.ProposalSpec, language: str
    ) -> tuple[int, int] | None:
        words = spec.spans.get(language)
        if not words:
            return None
        # Spans count in the clean text (what the reader sees), not in the notation.
        stored = provision.texts.get(language=language).text
        text = markup.clean_text(
            markup.parse(stored, delegations=delegation_codes(provision.version.document))
        )
        start = text.index(words)
        return start, start + len(words)

    def _target(self, spec: scenario.ProposalSpec, language: str) -> str:
        if not spec.lifts:
            return ""
        return self._proposal(spec.lifts, language).incorporated_ref

    def _sponsors(self, proposal: Proposal, spec: scenario.ProposalSpec) -> None:
        for slug in spec.joined:
            delegation = self.delegations[slug]
            if not Cosponsorship.objects.filter(proposal=proposal, delegation=delegation).exists():
                proposals.join_proposal(
                    actor=self._head(slug), proposal=proposal, delegation=delegation
                )
                self.tally()
        for slug in spec.left:
            delegation = self.delegations[slug]
            if Cosponsorship.objects.filter(
                proposal=proposal, delegation=delegation, withdrawn_at__isnull=True
            ).exists():
                proposals.leave_proposal(
                    actor=self._head(slug), proposal=proposal, delegation=delegation
                )
                self.tally()

    def _close(self, proposal: Proposal, spec: scenario.ProposalSpec, language: str) -> None:
        if proposal.status != ProposalStatus.TABLED:
            return
        if spec.withdrawn:
            proposals.withdraw_proposal(
                actor=self._head(spec.party), proposal=proposal, reason=spec.withdrawn[language]
            )
            self.tally()
        elif spec.not_retained:
            proposals.not_retain_proposal(
                actor=self.users[self.spec.secretariat],
                proposal=proposal,
                reason=spec.not_retained[language],
            )
            self.tally()

    # --- after the revision --------------------------------------------------

    def after_revision(self, *, facilitator: Person) -> None:
        """The revision's translations, the proposals on the compilation text,
        the facilitator, the positions and the decisions."""
        compiled = self.compilation()
        if compiled is None:
            return
        self._translate(compiled)
        for spec in self.spec.proposals:
            if spec.on_compilation:
                self._table(spec, compiled)
        self._facilitate(facilitator)
        self._positions()
        self._statuses()

    def _inserted(self, key: str) -> uuid.UUID | None:
        (first, *_) = self._versions(key)
        return first.incorporated_provision_uid

    def _translate(self, compiled: Version) -> None:
        working = latest_version(self.document)
        if working is None or working.status != VersionStatus.WORKING:
            return
        for spec in self.spec.translations:
            proposal = self._versions(spec.inserted_by)[0]
            uid = proposal.incorporated_provision_uid
            provision = working.provisions.filter(uid=uid).first() if uid else None
            if provision is None or provision.texts.filter(language=spec.language).exists():
                continue
            # The proposal's bracket and attribution, around the translated words.
            text = f"[{spec.text}]{{{', '.join(compilation.attribution_of(proposal))}}}"
            documents.set_text(
                actor=self.users[self.spec.secretariat],
                provision=provision,
                language=spec.language,
                text=text,
                expected_revision=0,
                # Translated from the compilation's text, where the words came in.
                source_version=compiled,
            )
            self.tally()

    def _facilitate(self, facilitator: Person) -> None:
        uids = [self.uids[eid] for eid in self.spec.facilitated]
        owned = set(
            ProvisionState.objects.filter(
                document=self.document, provision_uid__in=uids, facilitator=facilitator
            ).values_list("provision_uid", flat=True)
        )
        if owned != set(uids):
            status.assign_facilitator(
                actor=self.users[self.spec.chair],
                document=self.document,
                provision_uids=list(uids),
                facilitator=facilitator,
            )
            self.tally()

    def _positions(self) -> None:
        seen: Counter[tuple[str, str, str]] = Counter()
        for spec in self.spec.positions:
            target = (spec.party, spec.provision, spec.proposal)
            index = seen[target]
            seen[target] += 1
            delegation = self.delegations[spec.party]
            proposal = self._versions(spec.proposal)[0] if spec.proposal else None
            uid = None if proposal else self.uids[spec.provision]
            recorded = Position.objects.filter(delegation=delegation)
            recorded = (
                recorded.filter(proposal=proposal)
                if proposal
                else recorded.filter(provision_uid=uid)
            )
            if recorded.count() > index:
                continue
            positions.record_position(
                actor=self._head(spec.party),
                delegation=delegation,
                document=self.document,
                provision_uid=uid,
                proposal=proposal,
                stance=spec.stance,
                visibility=spec.visibility,
                reason=_joined(spec.reason),
            )
            self.tally()

    def _statuses(self) -> None:
        for spec in self.spec.statuses:
            uid = (
                self._inserted(spec.inserted_by) if spec.inserted_by else self.uids[spec.provision]
            )
            if uid is None:
                continue
            state = ProvisionState.objects.filter(document=self.document, provision_uid=uid).first()
            taken = state.decisions.count() if state is not None else 0
            for index, step in enumerate(spec.steps[taken:], start=taken):
                last = index == len(spec.steps) - 1
                status.change_status(
                    actor=self.users[spec.by],
                    document=self.document,
                    provision_uid=uid,
                    status=step,
                    note=_joined(spec.note) if last else "",
                    subject_to_uid=self.uids[spec.subject_to] if last and spec.subject_to else None,
                )
                self.tally()
