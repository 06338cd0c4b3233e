#include "LiveHarness.h"

#include <QTest>

std::unique_ptr<LiveClient> connectAs(const QString &token)
{
    auto client = std::make_unique<LiveClient>();
    if (!client->open(h().baseUrl(), token.toUtf8()))
        return nullptr;
    return client;
}

QString op(const QJsonObject &frame)
{
    return frame.value(QLatin1String("op")).toString();
}

qint64 seqOf(const QJsonObject &frame)
{
    return frame.value(QLatin1String("seq")).toInteger();
}

QString typeOf(const QJsonObject &event)
{
    return event.value(QLatin1String("type")).toString();
}

QJsonObject dataOf(const QJsonObject &event)
{
    return event.value(QLatin1String("data")).toObject();
}

QJsonObject since(const QJsonObject &subscribed, qint64 seq)
{
    return {{QLatin1String("epoch"), subscribed.value(QLatin1String("epoch"))}, {QLatin1String("seq"), seq}};
}

void checkNumbered(const QList<QJsonObject> &events, const QJsonObject &subscribed)
{
    qint64 expected = seqOf(subscribed) + 1;
    for (const QJsonObject &e : events) {
        QVERIFY2(seqOf(e) == expected && e.value(QLatin1String("epoch")) == subscribed.value(QLatin1String("epoch")),
                 qPrintable(QStringLiteral("expected seq %1 in epoch %2, got %3")
                                .arg(expected)
                                .arg(subscribed.value(QLatin1String("epoch")).toString(), QString::fromUtf8(json(e)))));
        QVERIFY(e.value(QLatin1String("ts")).toString().endsWith(QLatin1Char('Z')));
        ++expected;
    }
}
