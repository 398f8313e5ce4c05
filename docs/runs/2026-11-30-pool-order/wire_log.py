"""A TCP relay that logs the PostgreSQL protocol messages crossing it, per connection, one line per read:

    /usr/bin/python3 wire_log.py LISTEN_PORT SERVER_PORT LOG_FILE

``12.3456 c7 C P(__asyncpg_st:SELECT ...) D H`` is connection 7's client sending Parse, Describe and Flush;
``S`` lines are the server's answers. Used for docs/runs/2026-11-30-pool-order (README.md there).
"""
import asyncio
import itertools
import struct
import sys
import time

SPECIAL = {80877103: "SSLRequest", 196608: "Startup", 80877102: "CancelRequest"}


def messages(buffer, untyped):
    """The complete messages at the start of ``buffer`` and what is left; ``untyped[0]`` while the client's
    first messages (SSLRequest, Startup) have no type byte."""
    names = []
    while True:
        if untyped[0]:
            if len(buffer) < 8 or len(buffer) < struct.unpack("!I", buffer[:4])[0]:
                return names, buffer
            length, code = struct.unpack("!II", buffer[:8])
            names.append(SPECIAL.get(code, f"?{code}"))
            buffer = buffer[length:]
            untyped[0] = code == 80877103
            continue
        if len(buffer) < 5:
            return names, buffer
        kind, length = chr(buffer[0]), struct.unpack("!I", buffer[1:5])[0]
        if len(buffer) < 1 + length:
            return names, buffer
        body = buffer[5:1 + length]
        if kind == "P":
            name, _, rest = body.partition(b"\0")
            kind += "(" + name.decode()[:12] + ":" + rest.split(b"\0")[0].decode(errors="replace")[:40] + ")"
        elif kind == "Q":
            kind += "(" + body.split(b"\0")[0].decode(errors="replace")[:40] + ")"
        names.append(kind)
        buffer = buffer[1 + length:]


async def relay(log, number, reader, writer, side, state):
    buffer, untyped = b"", [side == "C"]
    while data := await reader.read(65536):
        writer.write(data)
        await writer.drain()
        if side == "S" and state.get("ssl") and data == b"N":
            log(number, side, "N (no TLS)")
            state["ssl"] = False
            continue
        names, buffer = messages(buffer + data, untyped)
        state["ssl"] = state.get("ssl") or (side == "C" and "SSLRequest" in names)
        log(number, side, " ".join(names) + (f" +{len(buffer)}b" if buffer else ""))
    log(number, side, "EOF")
    writer.close()


def main(listen, server, path):
    out, numbers, started = open(path, "w"), itertools.count(1), time.monotonic()

    def log(number, side, text):
        out.write(f"{time.monotonic() - started:9.4f} c{number} {side} {text}\n")
        out.flush()

    async def connected(client_reader, client_writer):
        number = next(numbers)
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", server)
        log(number, "-", "open")
        state = {}
        await asyncio.gather(relay(log, number, client_reader, server_writer, "C", state),
                             relay(log, number, server_reader, client_writer, "S", state), return_exceptions=True)

    async def serve():
        async with await asyncio.start_server(connected, "127.0.0.1", listen) as relay_server:
            await relay_server.serve_forever()

    asyncio.run(serve())


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
