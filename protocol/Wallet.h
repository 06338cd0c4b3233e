#pragma once

#include "Parsed.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Protocol {

// GET /teams/{team_id}/wallet
struct WalletBalance
{
    QString currencyType;
    qint64 balance = 0;
    qint64 spent = 0; // net of refunds: balance + spent is the initial budget

    friend bool operator==(const WalletBalance &, const WalletBalance &) = default;
};

struct WalletTransaction
{
    enum class Kind { Spend, Refund };
    QString id;
    QString ts; // RFC 3339, as the server sent it
    QString currencyType;
    qint64 amount = 0; // always positive; kind says which way
    Kind kind = Kind::Spend;
    QString playerId; // empty when null
    QString note;

    friend bool operator==(const WalletTransaction &, const WalletTransaction &) = default;
};
QString walletTransactionKindName(WalletTransaction::Kind kind); // spend | refund

struct Wallet
{
    QString teamId;
    qint64 revision = 0;
    QList<WalletBalance> balances;
    QList<WalletTransaction> transactions; // newest first, at most 200

    QJsonObject toJson() const;
};

Parsed<Wallet> parseWallet(const QJsonObject &object);

} // namespace Protocol
