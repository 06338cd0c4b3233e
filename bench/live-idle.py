#!/usr/bin/env python3
# Idle live connections: starts leaguedesk-server (demo league, no connection caps), opens N raw
# WebSocket connections from this one process (handshake and `subscribe` sent together), and
# prints the time until all are subscribed, the server's CPU time meanwhile, its RSS growth per
# connection, and its CPU time over the next 20 s of idleness (one 25 s ping may fall in it).
#   bench/live-idle.py N SERVER_BINARY PORT      e.g. bench/live-idle.py 19000 build/server/leaguedesk-server 18943
# Raises its own file limit to the hard limit; the server inherits it.
import socket, os, struct, json, sys, time, resource, subprocess
n=int(sys.argv[1]); server=sys.argv[2]; port=int(sys.argv[3])
soft,hard=resource.getrlimit(resource.RLIMIT_NOFILE); resource.setrlimit(resource.RLIMIT_NOFILE,(hard,hard))
d=f'/tmp/leaguedesk-live-idle-{os.getpid()}'; subprocess.run(['rm','-rf',d]); os.makedirs(d)
p=subprocess.Popen([server,'--listen',f'127.0.0.1:{port}','--database',f'sqlite:{d}/db.sqlite','--demo','--tokens-out',f'{d}/t.json',
  '--max-connections-per-address','0','--max-connections','0','--rate-limit','0'],stdout=subprocess.PIPE,stderr=open(f'{d}/err.log','w'),
  preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE,(hard,hard)))
p.stdout.readline()
tok=json.load(open(f'{d}/t.json'))['managers']['SSPSLT0001']
def frame(op,payload):
    m=os.urandom(4); n=len(payload)
    return bytes([0x80|op,0x80|n])+m+bytes(b^m[i%4] for i,b in enumerate(payload))
def cpu():
    f=open(f'/proc/{p.pid}/stat').read().split(')')[1].split(); return (int(f[11])+int(f[12]))/os.sysconf('SC_CLK_TCK')
def rss():
    for l in open(f'/proc/{p.pid}/status'):
        if l.startswith('VmRSS'): return int(l.split()[1])
r0=rss(); socks=[]; t0=time.time()
req=(b"GET /api/v1/live HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer "+tok.encode()+b"\r\n\r\n"
     +frame(1,b'{"op":"subscribe","id":1,"channel":"team:SSPSLT0001"}'))
for i in range(n):
    s=socket.create_connection(('127.0.0.1',port)); s.sendall(req); socks.append(s)
for s in socks:
    b=b''
    while b'subscribed' not in b: b+=s.recv(4096)
t1=time.time(); r1=rss(); c0=cpu(); time.sleep(20); c1=cpu()
print(f"idle clients={n} connect_subscribe_s={t1-t0:.2f} server_cpu_until_subscribed_s={c0:.2f} server_rss_per_connection_kib={(r1-r0)/n:.2f} server_cpu_idle_20s={c1-c0:.2f}")
p.terminate(); p.wait(); subprocess.run(['rm','-rf',d])
