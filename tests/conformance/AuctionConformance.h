#pragma once

#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

// PROTOCOL.md's "Version 1.1 additions", rule by rule: /me's protocol, the players catalogue and
// its revision, the rounds list's revision, own sealed bids and their withdrawal, winning_amount,
// the `rounds` channel and round_bid on team channels. Skipped against a server that does not
// announce 1.1. Runs first and deletes every round it made, so the other suites find the league
// as they expect.
class AuctionConformance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void meAnnouncesTheProtocol();
    void catalogueShapeAndFilters();
    void catalogueStatusesAndOwners();
    void catalogueRevision();
    void roundsRevision();
    void ownSealedBids();
    void withdrawSealedBid();
    void withdrawAfterClosesAt();
    void withdrawIsIdempotent();
    void winningAmount();
    void roundsChannel();
    void roundsChannelRecovers();
    void roundBidOnTeamChannels();

private:
    QStringList freshPlayers(int count); // available players of the suite's position, not used before
    QString round(const QStringList &players, int closesInSeconds = 3600);

    QString m_position;
    QSet<QString> m_used;
    QStringList m_rounds; // deleted at the end (refunds whatever was won in them)
};
