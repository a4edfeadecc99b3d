#pragma once

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <atomic>
#include <mutex>

namespace berth {

/// One image a worker pushed: its blobs (config first), its manifest and the tag it was pushed under.
struct CrashPush
{
    enum class State
    {
        Attempted, ///< the manifest PUT went out; no 201 came back
        Acked,     ///< the manifest PUT answered 201: it must survive every crash
        Deleting,  ///< a DELETE went out and got no answer: either outcome is allowed
        Deleted,   ///< the DELETE answered 202: it must stay gone
    };
    QString repository;
    QString tag;
    QByteArray manifest;
    QString digest;
    QList<QByteArray> blobs;
    State state = State::Attempted;
};

/// A blob whose upload answered 201, and the push it belongs to.
struct CrashBlob
{
    QString repository;
    QByteArray content;
    int push = -1;
};

/// What the workers did and what the registry acknowledged, shared between the worker threads and
/// the checks that run after each restart.
class CrashLedger
{
public:
    int addPush(const CrashPush& push);
    void setState(int push, CrashPush::State state);
    void addBlob(const CrashBlob& blob);
    /// Records an answer the registry must never give (anything but the expected status or none).
    void unexpected(const QString& what);
    /// An acknowledged push of the worker's repository to delete; -1 when there is none.
    int pushToDelete(const QString& repository, quint32 random);
    void countOperation() { ++m_operations; }

    QList<CrashPush> pushes() const;
    QList<CrashBlob> blobs() const;
    QStringList unexpectedAnswers() const;
    int operations() const { return m_operations; }

private:
    mutable std::mutex m_mutex;
    QList<CrashPush> m_pushes;
    QList<CrashBlob> m_blobs;
    QStringList m_unexpected;
    std::atomic<int> m_operations{0};
};

/// One pushing client: until stop is set it pushes small images (blobs by monolithic POST, POST+PUT
/// or chunked PATCHes, then a manifest under a new tag) and now and then deletes one of its earlier
/// acknowledged manifests. Every answer is recorded in the ledger.
class CrashWorker
{
public:
    CrashWorker(QUrl baseUrl, QString repository, quint32 seed, CrashLedger& ledger, std::atomic<bool>& stop);
    void run();

private:
    /// False when the registry went away (or answered wrongly) and the worker should stop.
    bool push();
    bool deleteOne();
    bool pushBlob(const QByteArray& content, int pushIndex);

    QUrl m_baseUrl;
    QString m_repository;
    quint32 m_seed;
    CrashLedger& m_ledger;
    std::atomic<bool>& m_stop;
    quint32 m_counter = 0;
};

} // namespace berth
