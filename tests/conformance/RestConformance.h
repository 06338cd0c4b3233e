#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

// PROTOCOL.md's REST half, route by route and role by role: the authorization matrix, every
// error code and their precedence, the error shape, ETag/304, and the answers' shapes.
class RestConformance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void authorizationMatrix_data();
    void authorizationMatrix();
    void tiebreakerListIsFiltered();
    void errorPrecedence_data();
    void errorPrecedence();
    void errorShape();
    void etags_data();
    void etags();
    void etagChangesWithTheResource();
    void roundLifecycle();
    void tiebreakerBidsAndIdempotency();
    void failedRequestsChangeNothing();
    void rateLimitComesLast(); // last: it spends one token's whole budget

private:
    QString m_openRound;   // open, with player m_openPlayer
    QString m_openPlayer;
    QString m_closedRound; // finalized, with player m_closedPlayer (unsold)
    QString m_closedPlayer;
    QString m_tiebreaker;  // active, A vs B
    QString m_tiebreakerRound;
    QStringList m_players;
};
