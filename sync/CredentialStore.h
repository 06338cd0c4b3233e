#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QUrl>

// Where the token of each server lives: the OS keychain (Secret Service, Keychain, Credential
// Manager) through QtKeychain. Where no keychain answers, the token stays in memory until the app
// quits, unless the user allowed a plain file (owner-only permissions). The server URL itself is
// not secret and is remembered in the settings. All keychain calls are asynchronous.
class CredentialStore : public QObject
{
    Q_OBJECT

public:
    enum class Backend { Unknown, Keychain, Memory, PlainFile };
    Q_ENUM(Backend)

    explicit CredentialStore(QString service = QStringLiteral("LeagueDesk"), QObject *parent = nullptr);

    // Allow falling back to a plain file when no keychain answers (the user's explicit choice).
    void setPlainFileAllowed(bool allowed) { m_plainFileAllowed = allowed; }
    void setPlainFilePath(const QString &path) { m_plainFilePath = path; }

    void save(const QUrl &server, const QString &token); // answers with saved()
    void load(const QUrl &server);                       // answers with loaded()
    void remove(const QUrl &server);                     // answers with removed()
    void forgetPlainFile(const QUrl &server);            // drops the plain-file copy only

    Backend backend() const { return m_backend; }
    QString keychainError() const { return m_keychainError; }

Q_SIGNALS:
    void saved(CredentialStore::Backend where);
    void loaded(const QString &token); // empty when none is stored
    void removed();
    // No keychain answered: the token is kept in memory only (or in the plain file, if allowed).
    void keychainUnavailable(const QString &reason);

private:
    QString accountFor(const QUrl &server) const;
    void fallBack(const QString &reason);
    QString readPlainFile(const QString &account) const;
    bool writePlainFile(const QString &account, const QString &token) const;

    QString m_service;
    Backend m_backend = Backend::Unknown;
    QString m_keychainError;
    bool m_plainFileAllowed = false;
    QString m_plainFilePath;
    QHash<QString, QString> m_memory; // the fallback, never written anywhere
};
