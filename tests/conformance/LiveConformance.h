#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

// PROTOCOL.md's live channel: handshake authorization, who may subscribe to what, request/answer
// frames, seq and epoch, `since` recovery, which events go to which channels, close codes.
class LiveConformance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void refusedTokens_data();
    void refusedTokens();
    void subscribeMatrix_data();
    void subscribeMatrix();
    void badChannels();
    void framesAndIds();
    void unsubscribe();
    void eventsSeqAndFanOut();
    void sinceRecovers();
    void notRecovered();
    void tooOldIsNotRecovered();
    void binaryCloses1003();
    void oversizedCloses1009();

private:
    QString m_tiebreaker; // active, A vs B
    QString m_tiebreakerRound;
    QStringList m_players;
};
