"""NLU component: the `regeling` entity's value becomes a scheme id of the knowledge base.

"huurtoeslach" -> huurtoeslag, "kwijtscelding" -> kwijtschelding_gemeentelijke_belastingen. When DIET found no
entity but the message names a scheme anyway (a typo DIET did not tag), the entity is added. Uses
wegwijs.gesprek.regelingen (scheme names and ids from the knowledge base plus knowledge/synoniemen.yaml).
Not trainable: a change in the knowledge base needs no retraining.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

ENTITEIT = "regeling"
INTENTS_MET_REGELING = {"ask_scheme_info"}


def _herkenner() -> Any:
    from wegwijs.gesprek.regelingen import RegelingHerkenner, lees_synoniemen

    try:
        from wegwijs.kennis import laad_kennisbank

        return RegelingHerkenner.uit_kennisbank(laad_kennisbank())
    except Exception as fout:  # the bot still runs, with the synonyms list only
        logger.warning("Kennisbank niet geladen (%s); alleen knowledge/synoniemen.yaml wordt gebruikt.", fout)
        return RegelingHerkenner({}, lees_synoniemen())


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class RegelingNormaliseerder(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "RegelingNormaliseerder":
        return cls()

    def __init__(self) -> None:
        self._h: Optional[Any] = None

    @property
    def herkenner(self) -> Any:
        if self._h is None:
            self._h = _herkenner()
        return self._h

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            entities = list(message.get("entities", []) or [])
            gevonden = False
            for entity in entities:
                if entity.get("entity") == ENTITEIT:
                    regeling = self.herkenner.herken(str(entity.get("value")))
                    if regeling:
                        entity["value"] = regeling
                        entity.setdefault("processors", []).append(self.__class__.__name__)
                        gevonden = True
            intent = (message.get("intent") or {}).get("name")
            tekst = message.get("text") or ""
            if not gevonden and intent in INTENTS_MET_REGELING and tekst and not tekst.startswith("/"):
                regeling = self.herkenner.herken(tekst)
                if regeling:
                    entities = [e for e in entities if e.get("entity") != ENTITEIT]
                    entities.append({"entity": ENTITEIT, "value": regeling, "start": 0, "end": len(tekst),
                                     "extractor": self.__class__.__name__, "confidence_entity": 1.0})
            message.set("entities", entities, add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class BsnHerkenner(GraphComponent):
    """A message with a BSN (9 digits passing the elfproef, or a number named 'BSN') gets the intent mention_bsn,
    so the assistant says it does not need it (rule in bot/data/rules/privacy.yml). Runs inside Rasa: no call to
    the action server for every message."""

    INTENT = "mention_bsn"

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "BsnHerkenner":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        from wegwijs.gesprek.privacy import bevat_bsn

        for message in messages:
            tekst = message.get("text") or ""
            if tekst and not tekst.startswith("/") and bevat_bsn(tekst):
                intent = {"name": self.INTENT, "confidence": 1.0}
                ranking = [intent] + [i for i in (message.get("intent_ranking") or []) if i.get("name") != self.INTENT]
                message.set("intent", intent, add_to_output=True)
                message.set("intent_ranking", ranking, add_to_output=True)
        return messages
