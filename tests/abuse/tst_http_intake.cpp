// HttpIntake on its own: it sits in front of every request, so well-formed requests must pass
// however the bytes are split, and each limit must trip exactly where it is set.

#include <HttpIntake.h>

#include <QTest>

Q_DECLARE_METATYPE(HttpIntake::Refusal)

class tst_HttpIntake : public QObject
{
    Q_OBJECT

private:
    static HttpIntake::Limits small()
    {
        HttpIntake::Limits limits;
        limits.maxHeaderBytes = 1024;
        limits.maxUrlBytes = 256;
        limits.maxBodyBytes = 100;
        return limits;
    }
    // Feeds `bytes` in pieces of `step` bytes.
    static HttpIntake feed(const QByteArray &bytes, qsizetype step, HttpIntake::Limits limits = small())
    {
        HttpIntake intake(limits);
        for (qsizetype i = 0; i < bytes.size(); i += step)
            intake.feed(bytes.constData() + i, std::min(step, bytes.size() - i));
        return intake;
    }

private slots:
    void wellFormedRequestsPassAnySplit_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("requests");
        QTest::newRow("GET") << QByteArray("GET /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n") << 1;
        QTest::newRow("bare LF") << QByteArray("GET /api/v1/me HTTP/1.1\nHost: x\n\n") << 1;
        QTest::newRow("body") << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello") << 1;
        QTest::newRow("chunked") << QByteArray("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                               "5;ext=1\r\nhello\r\n3\r\nabc\r\n0\r\n\r\n")
                                 << 1;
        QTest::newRow("pipelined") << QByteArray("GET /a HTTP/1.1\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}"
                                                 "\r\nGET /c?x=1 HTTP/1.0\r\n\r\n")
                                   << 3;
        QTest::newRow("body of exactly the limit")
            << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + QByteArray(100, 'x')) << 1;
    }
    void wellFormedRequestsPassAnySplit()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, requests);
        for (qsizetype step : {qsizetype(1), qsizetype(2), qsizetype(7), bytes.size()}) {
            const HttpIntake intake = feed(bytes, step);
            QCOMPARE(intake.refusal(), HttpIntake::Refusal::None);
            QCOMPARE(intake.completedRequests(), qint64(requests));
            QVERIFY(!intake.inRequest());
        }
    }

    // Where the last complete request ends, however the bytes are split: what the server leaves
    // QHttpServer to answer before it sends a refusal.
    void lastRequestEndPrecedesTheRefusal()
    {
        const QByteArray good = "GET /a HTTP/1.1\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}";
        const QByteArray bytes = good + "GET /c HTTP/1.1\r\nX: a\r\n b\r\n\r\nGET /d HTTP/1.1\r\n\r\n";
        for (qsizetype step : {qsizetype(1), qsizetype(3), bytes.size()}) {
            const HttpIntake intake = feed(bytes, step);
            QCOMPARE(intake.refusal(), HttpIntake::Refusal::BadRequest);
            QCOMPARE(intake.completedRequests(), qint64(2));
            QCOMPARE(intake.lastRequestEnd(), qint64(good.size()));
        }
        QCOMPARE(feed("GET /c HTTP/1.1\r\nX: a\r\n b\r\n\r\n", 5).lastRequestEnd(), qint64(0));
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<HttpIntake::Refusal>("refusal");
        using R = HttpIntake::Refusal;
        QTest::newRow("long target") << QByteArray("GET /" + QByteArray(300, 'a') + " HTTP/1.1\r\n\r\n") << R::UrlTooLong;
        QTest::newRow("unterminated long line") << QByteArray("GET /" + QByteArray(5000, 'a')) << R::UrlTooLong;
        QTest::newRow("big header") << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(2000, 'a')) << R::HeadersTooLarge;
        QTest::newRow("many headers") << QByteArray("GET / HTTP/1.1\r\n" + QByteArray("A: b\r\n").repeated(300)) << R::HeadersTooLarge;
        QTest::newRow("declared body") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n") << R::BodyTooLarge;
        QTest::newRow("chunked body") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                    "40\r\n" + QByteArray(64, 'x') + "\r\n40\r\n")
                                      << R::BodyTooLarge;
        QTest::newRow("CL + TE") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n")
                                 << R::BadRequest;
        QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
                                     << R::BadRequest;
        QTest::newRow("signed length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: +1\r\n\r\n") << R::BadRequest;
        QTest::newRow("folded") << QByteArray("GET / HTTP/1.1\r\nX: a\r\n\tb\r\n\r\n") << R::BadRequest;
        QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nX : a\r\n\r\n") << R::BadRequest;
        QTest::newRow("gzip coding") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
                                     << R::NotImplemented;
        QTest::newRow("bad chunk size") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                                        << R::BadRequest;
        QTest::newRow("chunk longer than its size")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n") << R::BadRequest;
        QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << R::BadRequest;
        // Qt's parser ends the request two bytes after "0\r\n": a trailer would be read as a
        // second request that the intake never framed (and never limited).
        QTest::newRow("chunked trailer") << QByteArray("POST /healthz HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
                                                       "XXGET /api/v1/teams/SSPSLT0001/wallet HTTP/1.1\r\n\r\n")
                                         << R::BadRequest;
        // Two Upgrade headers: the intake and Qt might each believe a different one.
        QTest::newRow("repeated Upgrade") << QByteArray("GET /api/v1/live HTTP/1.1\r\nUpgrade: h2c\r\nUpgrade: websocket\r\n"
                                                        "Connection: Upgrade\r\n\r\n")
                                          << R::BadRequest;
        QTest::newRow("repeated Connection") << QByteArray("GET / HTTP/1.1\r\nConnection: close\r\nConnection: upgrade\r\n\r\n")
                                             << R::BadRequest;
        QTest::newRow("CRLF flood") << QByteArray("\r\n").repeated(600) << R::UrlTooLong;
    }
    void refusals()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(HttpIntake::Refusal, refusal);
        for (qsizetype step : {qsizetype(1), qsizetype(3), bytes.size()})
            QCOMPARE(feed(bytes, step).refusal(), refusal);
    }

    void websocketUpgradeStopsFraming()
    {
        const QByteArray upgrade = "GET /api/v1/live HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                   "Authorization: Bearer t\r\n\r\n\x81\x85garbage";
        const HttpIntake intake = feed(upgrade, 1);
        QVERIFY(intake.upgraded());
        QCOMPARE(intake.refusal(), HttpIntake::Refusal::None);
        QCOMPARE(intake.authorization(), QByteArray("Bearer t"));
        // Any other Upgrade is an ordinary request.
        const HttpIntake h2c = feed("GET /api/v1/live HTTP/1.1\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n", 4);
        QVERIFY(!h2c.upgraded());
        QCOMPARE(h2c.completedRequests(), qint64(1));
    }

    void oversizedBodyKeepsWhatTheAnswerNeeds()
    {
        const HttpIntake intake =
            feed("POST /api/v1/rounds/R1/bids?x=1 HTTP/1.1\r\nAuthorization: Bearer abc\r\nContent-Length: 999\r\n\r\n", 5);
        QCOMPARE(intake.refusal(), HttpIntake::Refusal::BodyTooLarge);
        QCOMPARE(intake.path(), QByteArray("/api/v1/rounds/R1/bids"));
        QCOMPARE(intake.authorization(), QByteArray("Bearer abc"));
    }

    void partialRequestIsInRequest()
    {
        HttpIntake intake(small());
        QVERIFY(!intake.inRequest());
        intake.feed("G", 1);
        QVERIFY(intake.inRequest());
        const QByteArray rest = "ET / HTTP/1.1\r\n\r\n";
        intake.feed(rest.constData(), rest.size());
        QVERIFY(!intake.inRequest());
    }
};

QTEST_GUILESS_MAIN(tst_HttpIntake)
#include "tst_http_intake.moc"
