// The dashboard's command line (issue 14.12): --help without a display, the token from a file or
// $LEAGUEDESK_TOKEN instead of argv, and mistakes refused in words before anything starts.
#include <CommandLine.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCommandLine : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        return file.fileName();
    }

private Q_SLOTS:
    void helpWithoutADisplay()
    {
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QString::fromLatin1(name));
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(LEAGUEDESK_APP_PATH), {QStringLiteral("--help")});
        QVERIFY(app.waitForFinished(30000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        const QString out = QString::fromLocal8Bit(app.readAllStandardOutput());
        QVERIFY2(out.startsWith(QLatin1String("Usage: leaguedesk")) && out.contains(QLatin1String("--token-file"))
                     && out.contains(QLatin1String("LEAGUEDESK_TOKEN")), qPrintable(out));

        app.start(QStringLiteral(LEAGUEDESK_APP_PATH), {QStringLiteral("--server"), QStringLiteral("ftp://x")});
        QVERIFY(app.waitForFinished(30000));
        QCOMPARE(app.exitCode(), 2);
        QVERIFY(app.readAllStandardError().contains("http://"));
    }

    void tokenSources()
    {
        const QString file = writeFile(QStringLiteral("token"), "ld_fromfile\nsecond line ignored\n");
        CommandLine line = parseCommandLine({"leaguedesk", "--server", "http://127.0.0.1:1", "--token-file", file}, {});
        QCOMPARE(line.action, CommandLine::Action::Run);
        QCOMPARE(line.token, QStringLiteral("ld_fromfile"));
        QCOMPARE(line.tokenSource, QStringLiteral("--token-file"));

        line = parseCommandLine({"leaguedesk", "--server", "http://127.0.0.1:1"}, QStringLiteral(" ld_fromenv \n"));
        QCOMPARE(line.action, CommandLine::Action::Run);
        QCOMPARE(line.token, QStringLiteral("ld_fromenv"));
        QCOMPARE(line.tokenSource, QStringLiteral("LEAGUEDESK_TOKEN"));

        line = parseCommandLine({"leaguedesk", "--server", "http://127.0.0.1:1", "--token", "ld_argv"}, {});
        QCOMPARE(line.token, QStringLiteral("ld_argv"));

        line = parseCommandLine({"leaguedesk"}, {});
        QCOMPARE(line.action, CommandLine::Action::Run);
        QVERIFY(!line.serverUrl.isValid());
    }

    void mistakesRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("says");
        const QString empty = writeFile(QStringLiteral("empty"), "\n");
        const QString big = writeFile(QStringLiteral("big"), QByteArray(maxTokenFileBytes + 1, 'x'));
        QTest::newRow("no token") << QStringList{"leaguedesk", "--server", "http://h"} << "needs a token";
        QTest::newRow("missing file") << QStringList{"leaguedesk", "--server", "http://h", "--token-file", m_dir.filePath("none")} << "cannot read";
        QTest::newRow("empty file") << QStringList{"leaguedesk", "--server", "http://h", "--token-file", empty} << "is empty";
        QTest::newRow("big file") << QStringList{"leaguedesk", "--server", "http://h", "--token-file", big} << "larger than";
        QTest::newRow("both") << QStringList{"leaguedesk", "--server", "http://h", "--token-file", empty, "--token", "t"} << "not both";
        QTest::newRow("token alone") << QStringList{"leaguedesk", "--token", "t"} << "needs --server";
        QTest::newRow("bad scheme") << QStringList{"leaguedesk", "--server", "ftp://h", "--token", "t"} << "http://";
        QTest::newRow("unknown option") << QStringList{"leaguedesk", "--tokn", "t"} << "tokn";
    }

    void mistakesRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, says);
        const CommandLine line = parseCommandLine(arguments, {});
        QCOMPARE(line.action, CommandLine::Action::Fail);
        QVERIFY2(line.output.contains(says), qPrintable(line.output));
        QVERIFY(line.token.isEmpty() || arguments.contains(QStringLiteral("--token")));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_command_line.moc"
