"""deploy/ holds together: this machine has no Docker engine to start the compose file, so
its parts are checked against each other and against the repository instead.

What would break a `docker compose up` silently: a variable bot/endpoints.yml reads that no
Rasa service is given, a Rasa server the proxy does not route to (or routes without hashing
on the sender: see deploy/README.md on the lock store's race), a file or build stage that
does not exist.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"


@cache
def compose() -> dict:
    """deploy/compose.yaml, read once (the tests only read it)."""
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def rasa_services() -> dict[str, dict]:
    return {
        name: service
        for name, service in compose()["services"].items()
        if "rasa" in (service.get("command") or [""])[0]
    }


def haproxy_backends() -> dict[str, list[str]]:
    backends: dict[str, list[str]] = {}
    current = None
    for line in (DEPLOY / "haproxy.cfg").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line:
            continue
        if not line.startswith((" ", "\t")):
            words = line.split()
            current = words[1] if words[0] == "backend" else None
            if current:
                backends[current] = []
        elif current:
            backends[current].append(line.strip())
    return backends


def test_the_compose_file_runs_every_part_the_issue_names() -> None:
    services = compose()["services"]
    assert {"postgres", "redis", "web", "proxy"} <= set(services)
    assert len(rasa_services()) == 2
    actions = [
        s for s in services.values() if s.get("command", [])[:3] == ["python", "-m", "actions"]
    ]
    assert sum(s.get("deploy", {}).get("replicas", 1) for s in actions) == 2


def test_only_the_internal_network_reaches_the_action_servers() -> None:
    """H1: an action server runs actions for whoever reaches it with the secret; nothing
    facing the internet (the proxy) shares a network with it, and that network has no exit."""
    services, networks = compose()["services"], compose()["networks"]
    assert networks["back"]["internal"] is True
    assert "back" not in services["proxy"]["networks"]
    for name in ("actions-1", "actions-2", "actions-proxy"):
        assert services[name]["networks"] == ["back"], name
        assert "ports" not in services[name], name
    for name in ("actions-1", "actions-2"):
        assert "COLBOT_ACTION_SECRET" in services[name]["environment"]


def test_each_rasa_server_gets_every_variable_its_endpoints_read() -> None:
    endpoints = (REPO / "bot" / "endpoints.yml").read_text(encoding="utf-8")
    wanted = set(re.findall(r"\$\{(\w+)\}", endpoints))
    assert wanted, "bot/endpoints.yml reads its settings from the environment"
    for name, service in rasa_services().items():
        missing = wanted - set(service["environment"])
        assert not missing, f"{name} lacks {sorted(missing)}"
        env = service["environment"]
        assert env["COLBOT_LOCK_STORE"] == "redis"  # several servers: a shared lock store
        assert env["COLBOT_TRACKER_URL"].startswith("postgresql://")
        assert env["COLBOT_REDIS_HOST"] in compose()["services"]


def test_the_proxy_sends_each_sender_to_one_of_every_rasa_server_by_hash() -> None:
    servers = set(rasa_services())
    backends = haproxy_backends()
    for channel in ("telegram", "twilio", "rest"):
        lines = backends[channel]
        routed = {line.split()[1] for line in lines if line.startswith("server ")}
        assert routed == servers, (channel, routed)
        assert any(line.startswith(("balance hash", "balance url_param From")) for line in lines), (
            channel
        )
        assert "option httpchk GET /" in lines  # a dead server is passed over
        assert "hash-type consistent" in lines  # a server leaving moves only its senders
    # the web chat reaches the Rasa servers through the proxy too (its chat frontend, which
    # is not published): hashed, and failed over
    proxy = compose()["services"]["proxy"]
    web_target = compose()["services"]["web"]["environment"]["COLBOT_RASA_URL"]
    assert web_target == "http://proxy" + proxy["environment"]["COLBOT_CHAT_BIND"]
    assert all(not port.endswith(":5005") for port in proxy["ports"])


def test_compose_and_make_cluster_give_the_balancers_every_address_they_read() -> None:
    """One pair of HAProxy files for both: compose names services, `make cluster`
    (deploy/cluster.py) loopback ports; neither may leave a setting out."""
    sys.path.insert(0, str(DEPLOY))
    from cluster import Ports, haproxy_env

    services = compose()["services"]
    for config, service in (("haproxy.cfg", "proxy"), ("haproxy-actions.cfg", "actions-proxy")):
        text = (DEPLOY / config).read_text(encoding="utf-8")
        needed = set(re.findall(r'"\$\{(\w+)\}"', text))
        assert needed, config
        assert needed <= set(services[service]["environment"]), (config, service)
        optional = set(re.findall(r"defined\((\w+)\)", text))  # sections of .if defined()
        assert needed - optional <= set(haproxy_env(Ports.fixed())), config
        mounted = [v for v in services[service]["volumes"] if v.startswith(f"./{config}:")]
        assert mounted, (service, config)
    # the public front door refuses the REST channel, except on loopback (make cluster)
    assert "COLBOT_PROXY_REST" not in services["proxy"]["environment"]
    assert haproxy_env(Ports.fixed())["COLBOT_PROXY_BIND"].startswith("127.0.0.1:")
    assert "COLBOT_PROXY_REST" in haproxy_env(Ports.fixed())


def test_everything_the_compose_file_builds_or_mounts_exists() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    stages = set(re.findall(r"^FROM \S+ AS (\w+)", dockerfile, re.MULTILINE))
    for name, service in compose()["services"].items():
        build = service.get("build")
        if build:
            assert (DEPLOY / build["context"] / build["dockerfile"]).resolve().is_file(), name
            assert build["target"] in stages, name
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (DEPLOY / source).exists(), (name, source)
    for source in re.findall(r"^COPY (\S+)", dockerfile, re.MULTILINE):
        assert (REPO / source).exists(), source
    # both runtimes import colbot_shared: each image has it
    for stage in re.split(r"^FROM ", dockerfile, flags=re.MULTILINE)[1:]:
        assert "\nCOPY colbot_shared colbot_shared\n" in stage, stage.splitlines()[0]


def test_everything_that_erases_or_expires_conversations_can_reach_them() -> None:
    """M4: the job containers had no COLBOT_TRACKER_URL, so retention never purged
    conversations; the action servers need it to erase a learner's linked conversations."""
    services = compose()["services"]
    runs_colbot = [
        name
        for name, service in services.items()
        if "colbot" in " ".join(service.get("command") or [])
        or service.get("command", [])[:3] == ["python", "-m", "actions"]
    ]
    assert {"migrate", "retention", "actions-1", "actions-2"} <= set(runs_colbot)
    for name in runs_colbot:
        url = services[name]["environment"].get("COLBOT_TRACKER_URL", "")
        assert url.startswith("postgresql://"), name
    assert "colbot retention run" in " ".join(services["retention"]["command"])


def test_the_web_app_sees_each_client_behind_the_proxy() -> None:
    """/check and /chat limit requests per client address: behind HAProxy every request
    would otherwise come from the proxy, and one busy client would block everyone."""
    defaults = (DEPLOY / "haproxy.cfg").read_text(encoding="utf-8")
    assert "option forwardfor" in defaults
    assert compose()["services"]["web"]["environment"]["FORWARDED_ALLOW_IPS"] == "*"
