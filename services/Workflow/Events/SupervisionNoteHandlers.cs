using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Workflow.Instances;

namespace Ticketing.Workflow.Events;

/// <summary>
/// What supervision did about a ticket goes on its timeline and moves no state: warnings, withdrawn breaches, notices and
/// their acknowledgement, reminders, extension requests and decisions. Each subclass says what the line reads.
/// </summary>
public abstract class SupervisionNoteHandler<TEvent>(LifecycleSteps steps) : IIntegrationEventHandler<TEvent> where TEvent : IntegrationEvent, ITicketEvent
{
    protected abstract string Kind { get; }

    protected abstract StepActor By(TEvent integrationEvent);

    protected abstract string Note(TEvent integrationEvent);

    public async Task<EventOutcome> HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        var instance = await steps.Db.Instances.FindAsync([integrationEvent.TicketId], cancellationToken);
        if (instance is null) return EventOutcome.WaitForEarlierStep("The ticket's lifecycle has not started here yet.");
        instance.Note(Kind, By(integrationEvent), integrationEvent.Id, Note(integrationEvent), steps.Db.Clock.GetUtcNow());
        return EventOutcome.Handled;
    }

    protected static StepActor Supervision => new("supervision", Roles.Specialist);
}

public sealed class SlaWarningHandler(LifecycleSteps steps) : SupervisionNoteHandler<SlaWarning>(steps)
{
    protected override string Kind => "SlaWarning";
    protected override StepActor By(SlaWarning e) => Supervision;
    protected override string Note(SlaWarning e) =>
        $"{e.Level} warning: {e.PercentUsed} % of the {e.Clock} time of work item {e.WorkItemId} used at {e.OfficeCode}; deadline {e.Deadline:u}.";
}

public sealed class SlaBreachWithdrawnHandler(LifecycleSteps steps) : SupervisionNoteHandler<SlaBreachWithdrawn>(steps)
{
    protected override string Kind => "SlaBreachWithdrawn";
    protected override StepActor By(SlaBreachWithdrawn e) => Supervision;
    protected override string Note(SlaBreachWithdrawn e) =>
        $"The {e.Clock} breach of work item {e.WorkItemId} at {e.OfficeCode} (deadline {e.Deadline:u}) is withdrawn: {e.Reason}";
}

public sealed class SupervisionNoticeIssuedHandler(LifecycleSteps steps) : SupervisionNoteHandler<SupervisionNoticeIssued>(steps)
{
    protected override string Kind => "SupervisionNotice";
    protected override StepActor By(SupervisionNoticeIssued e) => Supervision;
    protected override string Note(SupervisionNoticeIssued e) =>
        $"Supervision notice level {e.Level} to {e.OfficeCode}: work item {e.WorkItemId} overdue since {e.Deadline:u}" +
        (e.Level >= 3 ? $"; {e.ParentOfficeCode ?? "no parent office"} and the complaint specialists notified." : ".");
}

public sealed class SupervisionNoticeAcknowledgedHandler(LifecycleSteps steps) : SupervisionNoteHandler<SupervisionNoticeAcknowledged>(steps)
{
    protected override string Kind => "NoticeAcknowledged";
    protected override StepActor By(SupervisionNoticeAcknowledged e) => new(e.AcknowledgedBy, Roles.Office, e.OfficeCode);
    protected override string Note(SupervisionNoticeAcknowledged e) =>
        $"{e.OfficeCode} acknowledged the level {e.Level} supervision notice" + (e.Note.Length > 0 ? $": {e.Note}" : ".");
}

public sealed class SupervisionReminderSentHandler(LifecycleSteps steps) : SupervisionNoteHandler<SupervisionReminderSent>(steps)
{
    protected override string Kind => "Reminder";
    protected override StepActor By(SupervisionReminderSent e) => new(e.SentBy, Roles.Specialist);
    protected override string Note(SupervisionReminderSent e) => $"Reminder to {e.OfficeCode}: {e.Text}";
}

public sealed class SlaExtensionRequestedHandler(LifecycleSteps steps) : SupervisionNoteHandler<SlaExtensionRequested>(steps)
{
    protected override string Kind => "ExtensionRequested";
    protected override StepActor By(SlaExtensionRequested e) => new(e.RequestedBy, Roles.Office, e.OfficeCode);
    protected override string Note(SlaExtensionRequested e) =>
        $"{e.OfficeCode} asks to move the deadline {e.Deadline:u} of work item {e.WorkItemId} to {e.WantedDeadline:u}: {e.Reason}";
}

public sealed class SlaExtensionDecidedHandler(LifecycleSteps steps) : SupervisionNoteHandler<SlaExtensionDecided>(steps)
{
    protected override string Kind => "ExtensionDecided";
    protected override StepActor By(SlaExtensionDecided e) => new(e.DecidedBy, Roles.Supervisor);
    protected override string Note(SlaExtensionDecided e) => e.Approved
        ? $"Extension approved for {e.OfficeCode}: deadline {e.NewDeadline:u} (originally {e.OriginalDeadline:u})" + (e.Note.Length > 0 ? $"; {e.Note}" : ".")
        : $"Extension denied for {e.OfficeCode}: {e.Note}";
}
