"""The WhatsApp simulator: a local page that drives the real WhatsApp connector.

The page (``/simulator/``) posts webhooks signed with the connector's app secret, exactly as
Meta does; the connector answers through a local Graph API stand-in (``graph_standin``), which
validates each body against Meta's schema and relays it back to the page. A side panel shows,
per turn, what the tracker recorded: intent, guard findings (kinds only), guard actions,
output-guard blocks, and the erasure receipt after an opt-out.

Local only: off unless ``VIGIE_SIMULATOR`` is on (``make run`` turns it on), answers loopback
clients only, and refuses to run unless the connector sends to a loopback Graph API.
"""

from bot.simulator.channel import SimulatorInput

__all__ = ["SimulatorInput"]
