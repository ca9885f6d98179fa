"""A whitespace tokenizer whose tokens are the canonical words of chat spelling.

Rasa's `WhitespaceTokenizer` splits the message; then each token of the user's text becomes
the words of `bot.nlu.chat_spelling.fold_word`: lower case, no accents, SMS spellings
expanded ("jvoudrais un rdv stp" -> je voudrais un rendez vous svp). Training examples go
through the same folding, so "où", "ou" and "Où" are one feature, and every featurizer after
it (word and character n-grams, lexical features) sees one spelling per word.

The message text itself is left untouched: the guards, the language detector and the
booking form read the user's own words, names and dates. A word expanded into several keeps
the character span of what the user typed.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.chat_spelling import fold_word


def fold_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens of the canonical words; a token that folds to nothing is kept as it was."""
    folded = []
    for token in tokens:
        words = fold_word(token.text)
        if not words:
            folded.append(token)
            continue
        folded.extend(Token(word, token.start, token.end, dict(token.data)) for word in words)
    return folded


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class NormalisingTokenizer(WhitespaceTokenizer):
    """Whitespace tokens of the user's text, folded to one spelling per word."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> NormalisingTokenizer:
        return cls(config)

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        tokens = super().tokenize(message, attribute)
        return fold_tokens(tokens) if attribute == TEXT else tokens
