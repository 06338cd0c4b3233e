#pragma once

// What the live suites (LiveConformance, AuctionConformance's live half) share: a connection as
// a token to the server under test, and the fields of the frames it receives.

#include "Harness.h"
#include "LiveClient.h"

#include <QJsonObject>
#include <QList>

#include <memory>

// Null when the upgrade failed.
std::unique_ptr<LiveClient> connectAs(const QString &token);

QString op(const QJsonObject &frame);
qint64 seqOf(const QJsonObject &frame);
QString typeOf(const QJsonObject &event);
QJsonObject dataOf(const QJsonObject &event);
// A subscription's `since`: the epoch of `subscribed` (a subscribed answer) and `seq`.
QJsonObject since(const QJsonObject &subscribed, qint64 seq);
// seq grows by exactly 1 from the subscription's seq, the epoch never changes and every ts is UTC.
void checkNumbered(const QList<QJsonObject> &events, const QJsonObject &subscribed);
