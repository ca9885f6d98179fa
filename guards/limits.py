"""WhatsApp Cloud API message limits, in one place (WHATSAPP.md; Meta's send API schema).

The lint (`guards.lint`) checks designers' responses against them, the WhatsApp channel
(`bot.channels.whatsapp.outbound`) fits what it sends to them, and the booking actions
(`actions.booking`) build titles that fit them: a response the lint accepts is sent as
designed. The numbers are Meta's; change them only when Meta does.
"""

from __future__ import annotations

__all__ = [
    "BUTTON_ID",
    "BUTTON_TITLE",
    "INTERACTIVE_BODY",
    "LIST_BUTTON",
    "LIST_ROWS",
    "MEDIA_CAPTION",
    "REPLY_BUTTONS",
    "ROW_DESCRIPTION",
    "ROW_ID",
    "ROW_TITLE",
    "TEXT",
    "option_title_limit",
    "option_id_limit",
]

#: Characters in a text message body.
TEXT = 4096
#: Characters in the body of an interactive (buttons or list) message.
INTERACTIVE_BODY = 1024
#: Characters in the caption of an image, video or document.
MEDIA_CAPTION = 1024
#: Reply buttons in one message; more options are sent as a list.
REPLY_BUTTONS = 3
#: Characters in a reply button's title.
BUTTON_TITLE = 20
#: Characters in a reply button's id (the payload that comes back when it is tapped).
BUTTON_ID = 256
#: Rows in a list message, over all its sections.
LIST_ROWS = 10
#: Characters in a list row's title.
ROW_TITLE = 24
#: Characters in a list row's description.
ROW_DESCRIPTION = 72
#: Characters in a list row's id (the payload that comes back when it is chosen).
ROW_ID = 200
#: Characters in the label of the button that opens a list.
LIST_BUTTON = 20


def option_title_limit(option_count: int) -> int:
    """The title limit of one of `option_count` options: reply buttons up to 3, else a list."""
    return BUTTON_TITLE if option_count <= REPLY_BUTTONS else ROW_TITLE


def option_id_limit(option_count: int) -> int:
    """The id (payload) limit of one of `option_count` options: reply buttons, else list rows."""
    return BUTTON_ID if option_count <= REPLY_BUTTONS else ROW_ID
