"""People (p-people11): one person's name, title and firm, and the shared word tables."""

from __future__ import annotations

import re

import pytest

from followup.parsing import freetext, lexicon, multilang, prose
from followup.parsing.names import fold


def _ws(text: str) -> list[str]:
    return text.split()


# The possessive and relation tables each reader kept before they were folded into lexicon's
# (copied from the code as it was, so that every word is still read as it was)
_OLD_PROSE_POSSESSIVE = ("his her their ihr ihre ihren ihrer ihrem sein seine seinen seiner "
                         "seinem su sus son sa ses leur leurs suo sua zijn haar hun seu seva "
                         "|il suo|la sua|il loro|la loro|o seu|a sua|el seu|la seva")
_OLD_PROSE_RELATIONS = (
    "colleague|coworker|co-worker|boss|deputy|partner|business partner|cofounder|co-founder|"
    "associate|counterpart|teammate|intern|right hand|daughter|son|wife|husband|brother|"
    "sister|father|mother|kollege|kollegin|chef|chefin|partnerin|mitgründer|mitgründerin|"
    "stellvertreter|stellvertreterin|tochter|sohn|bruder|schwester|collègue|associé|associée|"
    "patron|patronne|adjoint|adjointe|fille|fils|frère|sœur|soeur|cofondateur|cofondatrice|"
    "bras droit|colega|jefe|jefa|socio|socia|cofundador|cofundadora|hija|hijo|hermano|"
    "hermana|mano derecha|collega|capo|figlia|figlio|fratello|sorella|cofondatore|"
    "cofondatrice|vice|baas|compagnon|medeoprichter|dochter|zoon|chefe|sócio|sócia|filha|"
    "filho|irmão|irmã|col·lega|kolega|kollega")
_OLD_ML_RELATIONS = [*_ws(
    "kollege kollegen kollegin chef chefin mitarbeiter mitarbeiterin partner "
    "partnerin geschäftspartner geschäftspartnerin tochter sohn bruder schwester "
    "vater mutter nachfolger nachfolgerin stellvertreter stellvertreterin lieferant "
    "lieferantin collègue associé associée patron patronne fils fille frère sœur "
    "adjoint adjointe fournisseur fournisseuse binôme colega socio socia jefe jefa "
    "hijo hija hermano hermana compañero compañera proveedor proveedora collega capo "
    "figlio figlia fratello sorella fornitore fornitrice compagno compagna vice "
    "compagnon baas zoon dochter broer zus vennoot leverancier chefe filho filha "
    "irmão irmã fornecedor fornecedora sócio sócia mitgründer mitgründerin "
    "mitbegründer mitbegründerin cofondateur cofondatrice co-fondateur co-fondatrice "
    "cofundador cofundadora cofondatore medeoprichter cofounder co-founder "), "mano derecha"]
_OLD_ML_POSSESSIVES = [*_ws(
    "ihr ihre ihren ihrem sein seine seinen seinem deren dessen son sa ses leur leurs "
    "su sus suo sua loro zijn haar hun seu dele dela deles delas ")]
_OLD_FT_POSSESSIVES = [*_ws(
    "his her their our ihr ihre ihren sein seine seinen unser unsere su sus son sa "
    "leur suo sua il la o a ")]
_OLD_FT_RELATION = ("his her their ihr ihre sein seine su sus son sa leurs leur suo sua seu "
                    "loro|il suo|la sua|il loro|la loro")
_OLD_FT_OWNER_OF = ("his her their our the a an ihr ihre ihren sein seine seinen unser unsere "
                    "der die den su sus son sa leur le la el il lo un une una uno suo sua"
                    "|il suo|la sua|o seu|a sua")
_OLD_FT_THEIR = ("his her their sein seine seinen ihr ihre ihren son sa leurs leur su sus"
                 "|il suo|la sua|il loro|la loro|o seu|a sua")
# (the old _PEER matched stems: "cofondat…", "associé…", "assistant…")
_OLD_FT_PEER = [*_ws(
    "co-founder cofounder cofondateur cofondatrice cofondatore mitgründer "
    "mitgründerin mitbegründer mitbegründerin cofundador cofundadora cofundadores "
    "medgrundare medeoprichter partner socio socia sócio sócia associé associée "
    "associés colleague kollege kollegin collègue colega collega boss chef chefin "
    "jefe jefa capo assistant assistante assistants teammate friend ")]


def _words(table: str) -> list[str]:
    head, _, phrases = table.partition("|")
    return head.split() + [p for p in phrases.split("|") if p]


@pytest.mark.parametrize("word", _words(_OLD_PROSE_POSSESSIVE))
def test_prose_possessives_kept(word: str) -> None:
    assert prose._POSSESSIVE_WORD.search(f"und {word} Kollege")


@pytest.mark.parametrize("word", _OLD_PROSE_RELATIONS.split("|"))
def test_prose_relations_kept(word: str) -> None:
    assert prose._RELATION_WORD.match(word)


def test_multilang_tables_kept() -> None:
    assert {fold(w) for w in _OLD_ML_RELATIONS} <= multilang.RELATION_WORDS
    assert {fold(w) for w in _OLD_ML_POSSESSIVES} <= multilang.POSSESSIVES
    # a possessive of one language is not read as a relation of another ("son")
    assert "son" not in multilang.RELATION_WORDS


@pytest.mark.parametrize("word", _words(_OLD_FT_RELATION))
def test_freetext_relation_lead_kept(word: str) -> None:
    assert freetext._RELATION_LEAD.match(f"{word} socia")


@pytest.mark.parametrize("word", _words(_OLD_FT_OWNER_OF))
def test_freetext_owner_of_kept(word: str) -> None:
    assert re.fullmatch(freetext._OWNER_OF, f"{word} ")


@pytest.mark.parametrize("word", _words(_OLD_FT_THEIR))
def test_freetext_their_role_before_kept(word: str) -> None:
    assert freetext._THEIR_ROLE_BEFORE.search(f"met {word} CFO, ")


def test_freetext_possessives_and_peers_kept() -> None:
    assert set(_OLD_FT_POSSESSIVES) <= freetext._POSSESSIVES
    assert all(freetext._PEER.fullmatch(w) for w in _OLD_FT_PEER)


def test_one_table_each() -> None:
    assert set(lexicon.PEER_NOUNS) <= set(lexicon.RELATION_NOUNS)
    assert not set(lexicon.POSSESSIVES_AFTER) & set(lexicon.POSSESSIVES_BEFORE)
