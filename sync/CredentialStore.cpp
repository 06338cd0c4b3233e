#include "CredentialStore.h"

#include "LogCategories.h"

#include <QFile>
#include <QSettings>
#include <QStandardPaths>

#ifdef LEAGUEDESK_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

CredentialStore::CredentialStore(QString service, QObject *parent) : QObject(parent), m_service(std::move(service))
{
    m_plainFilePath = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/credentials.ini");
}

QString CredentialStore::accountFor(const QUrl &server) const
{
    return server.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveUserInfo).toString();
}

void CredentialStore::fallBack(const QString &reason)
{
    if (m_backend != Backend::Memory && m_backend != Backend::PlainFile) {
        qCWarning(lcSync) << "no keychain:" << reason << (m_plainFileAllowed ? "- using the plain file" : "- keeping the token in memory only");
        m_keychainError = reason;
        Q_EMIT keychainUnavailable(reason);
    }
    m_backend = m_plainFileAllowed ? Backend::PlainFile : Backend::Memory;
}

QString CredentialStore::readPlainFile(const QString &account) const
{
    QSettings file(m_plainFilePath, QSettings::IniFormat);
    return file.value(QStringLiteral("tokens/") + QString::fromLatin1(account.toUtf8().toBase64(QByteArray::Base64UrlEncoding))).toString();
}

bool CredentialStore::writePlainFile(const QString &account, const QString &token) const
{
    {
        QSettings file(m_plainFilePath, QSettings::IniFormat);
        const QString key = QStringLiteral("tokens/") + QString::fromLatin1(account.toUtf8().toBase64(QByteArray::Base64UrlEncoding));
        if (token.isEmpty())
            file.remove(key);
        else
            file.setValue(key, token);
        file.sync();
        if (file.status() != QSettings::NoError)
            return false;
    }
    // A token is a password: only its owner may read the file.
    return QFile::setPermissions(m_plainFilePath, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

void CredentialStore::save(const QUrl &server, const QString &token)
{
    const QString account = accountFor(server);
    m_memory.insert(account, token);
#ifndef LEAGUEDESK_HAVE_KEYCHAIN
    fallBack(QStringLiteral("this build has no keychain support"));
    if (m_backend == Backend::PlainFile && !writePlainFile(account, token))
        m_backend = Backend::Memory;
    QMetaObject::invokeMethod(this, [this] { Q_EMIT saved(m_backend); }, Qt::QueuedConnection);
#else
    auto *job = new QKeychain::WritePasswordJob(m_service, this); // deletes itself when done
    job->setKey(account);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, account, token](QKeychain::Job *job) {
        if (job->error() == QKeychain::NoError) {
            m_backend = Backend::Keychain;
            Q_EMIT saved(Backend::Keychain);
            return;
        }
        fallBack(job->errorString());
        if (m_backend == Backend::PlainFile && !writePlainFile(account, token)) {
            qCWarning(lcSync) << "could not write" << m_plainFilePath << "- keeping the token in memory only";
            m_backend = Backend::Memory;
        }
        Q_EMIT saved(m_backend);
    });
    job->start();
#endif
}

void CredentialStore::load(const QUrl &server)
{
    const QString account = accountFor(server);
#ifndef LEAGUEDESK_HAVE_KEYCHAIN
    fallBack(QStringLiteral("this build has no keychain support"));
    QString token = m_memory.value(account);
    if (token.isEmpty() && m_backend == Backend::PlainFile)
        token = readPlainFile(account);
    QMetaObject::invokeMethod(this, [this, token] { Q_EMIT loaded(token); }, Qt::QueuedConnection);
#else
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [this, account](QKeychain::Job *job) {
        const auto *read = static_cast<QKeychain::ReadPasswordJob *>(job);
        if (read->error() == QKeychain::NoError) {
            m_backend = Backend::Keychain;
            Q_EMIT loaded(read->textData());
            return;
        }
        if (read->error() == QKeychain::EntryNotFound) {
            m_backend = Backend::Keychain;
            Q_EMIT loaded(m_memory.value(account));
            return;
        }
        fallBack(read->errorString());
        QString token = m_memory.value(account);
        if (token.isEmpty() && m_backend == Backend::PlainFile)
            token = readPlainFile(account);
        Q_EMIT loaded(token);
    });
    job->start();
#endif
}

void CredentialStore::forgetPlainFile(const QUrl &server)
{
    if (QFile::exists(m_plainFilePath))
        writePlainFile(accountFor(server), {});
}

void CredentialStore::remove(const QUrl &server)
{
    const QString account = accountFor(server);
    m_memory.remove(account);
    if (QFile::exists(m_plainFilePath))
        writePlainFile(account, {}); // whatever the consent is now, a signed-out token goes
#ifndef LEAGUEDESK_HAVE_KEYCHAIN
    QMetaObject::invokeMethod(this, [this] { Q_EMIT removed(); }, Qt::QueuedConnection);
#else
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *) { Q_EMIT removed(); });
    job->start();
#endif
}
