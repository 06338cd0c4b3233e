#pragma once
// One load-generator process: its share of the WebSocket clients on one epoll loop, driven by the
// coordinator over a control socket (line commands, see Worker.cpp). Linux only.

#include "Http.h"

#include <cstdint>
#include <string>
#include <vector>

struct WorkerConfig
{
    std::vector<Endpoint> targets; // client g connects to targets[g % size]
    std::string token;             // Authorization: Bearer for the upgrade
    std::string channel;           // subscribed by every client
    int index = 0;                 // this worker; it holds clients g with g % workers == index
    int workers = 1;
    int totalClients = 0;
    int sourceAddresses = 0; // 0: let the kernel pick; else bind to 127.0.0.1 + (g % n)
    int inflight = 100;      // handshakes under way at once in this worker
    int timeoutMs = 60000;   // bound for one connection's handshake and for one delivery
};

// Runs until the coordinator says quit or goes away; returns the process exit code.
int runWorker(const WorkerConfig &config, int controlFd);

int64_t monotonicNs();
