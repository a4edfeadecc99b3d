#pragma once

#include "jobs/Job.h"
#include "models/ConsoleRoles.h"

#include <QAbstractTableModel>
#include <memory>

namespace berth {

class JobRunner;

/// Every job of a JobRunner, newest first: title, kind, state, progress (0–100, or -1 when unknown, in
/// Qt::DisplayRole of ProgressColumn for a progress-bar delegate), status or result, started, finished.
/// Updates rows in place from the runner's signals.
class JobsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TitleColumn,
        StateColumn,
        ProgressColumn,
        MessageColumn,
        StartedColumn,
        FinishedColumn,
        ColumnCount
    };

    explicit JobsModel(JobRunner& runner, QObject* parent = nullptr);
    ~JobsModel() override;

    JobSnapshot jobAt(int row) const;
    int rowOf(quint64 id) const; ///< -1 when unknown
    int activeCount() const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void activeCountChanged(int active);

private:
    struct Private;
    /// A job added or changed: its row is updated in place, or inserted where its id sorts.
    void onJob(const berth::JobSnapshot& job);
    void updateActive();
    std::unique_ptr<Private> d;
};

} // namespace berth
