#pragma once

#include "archive/ImageExporter.h"
#include "gc/GcTypes.h"
#include "iam/CompartmentPath.h"
#include "licensing/Licence.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

class QWidget;

namespace berth {

class GcBrowser;

/// What the window asks the person, in one place: the console's action handlers call these and never
/// open dialogs themselves, so tests replace the Prompter with one that answers from a script.
class Prompter
{
public:
    struct NewCompartment
    {
        CompartmentPath parent;
        QString name;
        QString description;
    };
    struct NewRepository
    {
        QString name;
        CompartmentPath compartment;
    };
    struct ExportChoice
    {
        ExportFormat format = ExportFormat::OciArchive;
        QString path;
    };

    virtual ~Prompter() = default;

    virtual std::optional<NewCompartment> askNewCompartment(QWidget* parent,
                                                            const QList<CompartmentPath>& compartments,
                                                            const CompartmentPath& suggestedParent) = 0;
    virtual std::optional<QString> askCompartmentName(QWidget* parent,
                                                      const CompartmentPath& compartment) = 0;
    /// A compartment to move something to (title and text say what moves).
    virtual std::optional<CompartmentPath> askCompartment(QWidget* parent, const QString& title,
                                                          const QString& text,
                                                          const QList<CompartmentPath>& compartments,
                                                          const CompartmentPath& current) = 0;
    virtual std::optional<NewRepository> askNewRepository(QWidget* parent,
                                                          const QList<CompartmentPath>& compartments,
                                                          const CompartmentPath& suggestedCompartment) = 0;
    virtual bool confirm(QWidget* parent, const QString& title, const QString& text) = 0;
    /// Files to import (empty: cancelled).
    virtual QStringList askImportFiles(QWidget* parent) = 0;
    virtual std::optional<ExportChoice> askExport(QWidget* parent, const QString& what,
                                                  const QString& suggestedName) = 0;
    virtual void showError(QWidget* parent, const QString& title, const QString& text) = 0;
    /// Shows what a garbage collection would remove (a dry run through `browser`) and asks whether to
    /// run it and with which options; nullopt: cancelled.
    virtual std::optional<GcOptions> askGarbageCollection(QWidget* parent, GcBrowser& browser) = 0;
    /// Shows the licence that gates pulls from `repository` (its text, title and version) and asks
    /// whether the person accepts it: true for Continue, false for Cancel.
    virtual bool acceptLicence(QWidget* parent, const QString& repository, const Licence& licence) = 0;
};

/// The Prompter of the real application: modal dialogs.
class DialogPrompter : public Prompter
{
    Q_DECLARE_TR_FUNCTIONS(DialogPrompter)

public:
    std::optional<NewCompartment> askNewCompartment(QWidget* parent,
                                                    const QList<CompartmentPath>& compartments,
                                                    const CompartmentPath& suggestedParent) override;
    std::optional<QString> askCompartmentName(QWidget* parent, const CompartmentPath& compartment) override;
    std::optional<CompartmentPath> askCompartment(QWidget* parent, const QString& title, const QString& text,
                                                  const QList<CompartmentPath>& compartments,
                                                  const CompartmentPath& current) override;
    std::optional<NewRepository> askNewRepository(QWidget* parent, const QList<CompartmentPath>& compartments,
                                                  const CompartmentPath& suggestedCompartment) override;
    bool confirm(QWidget* parent, const QString& title, const QString& text) override;
    QStringList askImportFiles(QWidget* parent) override;
    std::optional<ExportChoice> askExport(QWidget* parent, const QString& what,
                                          const QString& suggestedName) override;
    void showError(QWidget* parent, const QString& title, const QString& text) override;
    std::optional<GcOptions> askGarbageCollection(QWidget* parent, GcBrowser& browser) override;
    bool acceptLicence(QWidget* parent, const QString& repository, const Licence& licence) override;
};

} // namespace berth
