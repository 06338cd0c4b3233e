#include "Wallet.h"

#include "JsonReader.h"
#include "Timestamp.h"

#include <QJsonArray>

namespace Protocol {

QString walletTransactionKindName(WalletTransaction::Kind kind)
{
    return kind == WalletTransaction::Kind::Spend ? QStringLiteral("spend") : QStringLiteral("refund");
}

QJsonObject Wallet::toJson() const
{
    QJsonArray balanceList;
    for (const WalletBalance &b : balances) {
        balanceList.append(QJsonObject{{QLatin1String("currency_type"), b.currencyType},
                                       {QLatin1String("balance"), b.balance},
                                       {QLatin1String("spent"), b.spent}});
    }
    QJsonArray transactionList;
    for (const WalletTransaction &t : transactions) {
        transactionList.append(QJsonObject{
            {QLatin1String("id"), t.id},
            {QLatin1String("ts"), t.ts},
            {QLatin1String("currency_type"), t.currencyType},
            {QLatin1String("amount"), t.amount},
            {QLatin1String("kind"), walletTransactionKindName(t.kind)},
            {QLatin1String("player_id"), t.playerId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(t.playerId)},
            {QLatin1String("note"), t.note}});
    }
    return {{QLatin1String("team_id"), teamId},
            {QLatin1String("revision"), revision},
            {QLatin1String("balances"), balanceList},
            {QLatin1String("transactions"), transactionList}};
}

Parsed<Wallet> parseWallet(const QJsonObject &object)
{
    JsonReader reader(object, QStringLiteral("wallet"));
    Wallet wallet;
    wallet.teamId = reader.string(QLatin1String("team_id"));
    wallet.revision = reader.integer(QLatin1String("revision"));
    const QJsonArray balances = reader.array(QLatin1String("balances"));
    const QJsonArray transactions = reader.array(QLatin1String("transactions"));
    if (!reader.ok())
        return Parsed<Wallet>::fail(reader.error());
    for (qsizetype i = 0; i < balances.size(); ++i) {
        JsonReader b(balances.at(i).toObject(), QStringLiteral("wallet: balances[%1]").arg(i));
        if (!balances.at(i).isObject())
            b.fail(QStringLiteral("must be an object"));
        WalletBalance balance;
        balance.currencyType = b.string(QLatin1String("currency_type"));
        balance.balance = b.integer(QLatin1String("balance"));
        balance.spent = b.integer(QLatin1String("spent"));
        if (!b.ok())
            return Parsed<Wallet>::fail(b.error());
        wallet.balances.append(std::move(balance));
    }
    for (qsizetype i = 0; i < transactions.size(); ++i) {
        JsonReader t(transactions.at(i).toObject(), QStringLiteral("wallet: transactions[%1]").arg(i));
        if (!transactions.at(i).isObject())
            t.fail(QStringLiteral("must be an object"));
        WalletTransaction tx;
        tx.id = t.string(QLatin1String("id"));
        tx.ts = t.string(QLatin1String("ts"));
        tx.currencyType = t.string(QLatin1String("currency_type"));
        tx.amount = t.integer(QLatin1String("amount"));
        const QString kind = t.string(QLatin1String("kind"));
        tx.playerId = t.optionalString(QLatin1String("player_id"));
        tx.note = t.optionalString(QLatin1String("note"));
        if (t.ok()) {
            if (kind == walletTransactionKindName(WalletTransaction::Kind::Spend))
                tx.kind = WalletTransaction::Kind::Spend;
            else if (kind == walletTransactionKindName(WalletTransaction::Kind::Refund))
                tx.kind = WalletTransaction::Kind::Refund;
            else
                t.fail(QStringLiteral("unknown kind \"%1\"").arg(kind));
        }
        if (t.ok() && tx.amount <= 0)
            t.fail(QStringLiteral("amount must be positive"));
        if (t.ok() && !parseTimestamp(tx.ts).isValid())
            t.fail(QStringLiteral("ts is not an RFC 3339 time"));
        if (!t.ok())
            return Parsed<Wallet>::fail(t.error());
        wallet.transactions.append(std::move(tx));
    }
    return Parsed<Wallet>::ok(std::move(wallet));
}

} // namespace Protocol
