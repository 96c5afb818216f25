"""Client addresses: which one to trust, and how much of it to keep."""

from __future__ import annotations

import ipaddress

from django.conf import settings

# Enough to tell a town hall from a home connection, not enough to name a household.
IPV4_PREFIX = 24
IPV6_PREFIX = 48
USER_AGENT_MAX = 300


def client_address(request) -> str:
    """The client's IP address. Behind NUMBER_OF_PROXIES reverse proxies it is the entry
    the outermost of them appended to X-Forwarded-For (entries further left are
    whatever the client sent, so they are not trusted); REMOTE_ADDR otherwise."""
    if request is None:
        return ""
    proxies = settings.NUMBER_OF_PROXIES
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def truncate_ip(address: str) -> str:
    """The network of an address, IPv4 to /24 and IPv6 to /48 ("192.0.2.0/24");
    empty for anything that is not an address."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return ""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    prefix = IPV4_PREFIX if ip.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def request_origin(request) -> tuple[str, str]:
    """(truncated IP, user agent cut to a sane length) of a request, or empty strings."""
    if request is None:
        return "", ""
    agent = request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX]
    return truncate_ip(client_address(request)), agent
