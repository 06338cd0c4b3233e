// The server's command line (ServerOptions): the limit flags' defaults, values and errors that
// name the flag at fault.
#include <ServerOptions.h>

#include <QTest>

class TestServerOptions : public QObject
{
    Q_OBJECT

    static bool parse(const QStringList &flags, ServerOptions *out, QString *error)
    {
        return ServerOptions::parse(QStringList{QStringLiteral("leaguedesk-server"), QStringLiteral("--database"),
                                                QStringLiteral("sqlite::memory:")} + flags,
                                    out, error);
    }

private Q_SLOTS:
    void defaultsAreTheHeadersOwn()
    {
        ServerOptions parsed;
        parsed.maxConnections = -5; // parse() must overwrite it with the default
        QString error;
        QVERIFY2(parse({}, &parsed, &error), qPrintable(error));
        const ServerOptions defaults;
        QCOMPARE(parsed.idleSeconds, defaults.idleSeconds);
        QCOMPARE(parsed.maxConnectionsPerAddress, defaults.maxConnectionsPerAddress);
        QCOMPARE(parsed.maxConnections, defaults.maxConnections);
        QCOMPARE(parsed.requestTimeoutMs, defaults.requestTimeoutMs);
        QCOMPARE(parsed.maxHeaderBytes, defaults.maxHeaderBytes);
        QCOMPARE(parsed.maxUrlBytes, defaults.maxUrlBytes);
        QCOMPARE(parsed.maxPipelined, defaults.maxPipelined);
        QCOMPARE(parsed.maxWriteBufferBytes, defaults.maxWriteBufferBytes);
        QCOMPARE(parsed.maxWriteBufferTotalBytes, defaults.maxWriteBufferTotalBytes);
    }

    void valuesReachTheirFields()
    {
        ServerOptions parsed;
        QString error;
        QVERIFY2(parse({"--idle-timeout", "0", "--max-connections-per-address", "3", "--max-connections", "7",
                        "--request-timeout", "1.5", "--max-header-bytes", "2048", "--max-url-bytes", "300",
                        "--max-pipelined", "2", "--max-write-buffer", "5000000000", "--max-write-buffer-total", "0"},
                       &parsed, &error),
                 qPrintable(error));
        QCOMPARE(parsed.idleSeconds, 0);
        QCOMPARE(parsed.maxConnectionsPerAddress, 3);
        QCOMPARE(parsed.maxConnections, 7);
        QCOMPARE(parsed.requestTimeoutMs, 1500);
        QCOMPARE(parsed.maxHeaderBytes, 2048);
        QCOMPARE(parsed.maxUrlBytes, 300);
        QCOMPARE(parsed.maxPipelined, 2);
        QCOMPARE(parsed.maxWriteBufferBytes, Q_INT64_C(5000000000)); // beyond an int
        QCOMPARE(parsed.maxWriteBufferTotalBytes, 0);
    }

    void badValuesNameTheirFlag_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("expected");
        QTest::newRow("negative") << QStringList{"--max-pipelined", "-1"} << "--max-pipelined expects a whole number from 0";
        QTest::newRow("not a number") << QStringList{"--idle-timeout", "soon"} << "--idle-timeout expects a whole number";
        QTest::newRow("decimal") << QStringList{"--max-connections", "1.5"} << "--max-connections expects a whole number";
        QTest::newRow("too small") << QStringList{"--max-header-bytes", "1000"} << "--max-header-bytes expects a whole number from 1024";
        QTest::newRow("beyond an int") << QStringList{"--max-connections-per-address", "3000000000"}
                                       << "--max-connections-per-address expects a whole number from 0 to 2147483647";
        QTest::newRow("url beyond headers") << QStringList{"--max-header-bytes", "2048", "--max-url-bytes", "4096"}
                                            << "--max-url-bytes (4096) must not exceed --max-header-bytes (2048)";
        QTest::newRow("timeout") << QStringList{"--request-timeout", "7200"} << "--request-timeout expects seconds from 0 to 3600";
        QTest::newRow("timeout nan") << QStringList{"--request-timeout", "nan"} << "--request-timeout expects seconds";
    }

    void badValuesNameTheirFlag()
    {
        QFETCH(QStringList, flags);
        QFETCH(QString, expected);
        ServerOptions parsed;
        QString error;
        QVERIFY(!parse(flags, &parsed, &error));
        QVERIFY2(error.startsWith(expected), qPrintable(error));
        QVERIFY2(error.contains(flags.last()), qPrintable(error)); // says what it got
    }
};

QTEST_GUILESS_MAIN(TestServerOptions)
#include "tst_server_options.moc"
