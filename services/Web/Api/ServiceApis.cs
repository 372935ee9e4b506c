using Refit;
using Ticketing.Contracts;
using Ticketing.Contracts.Queries;

namespace Ticketing.Web.Api;

// The services' public APIs as the console calls them through the gateway (/api/{service}/…), with the user's token.
// The shapes are the services' own answers; only the members the console shows are declared.

public sealed record Page<T>(List<T> Items, int PageNumber, int PageSize, int Total);

public sealed record CallToRegister(Channel Channel, Category Category, Urgency Urgency, string Title, string Content, string? CallerName,
    string CallerPhone, string RegionCode, string? Address = null, string? SubCategory = null);

/// <summary>直接答复办结: what the agent answered during the call.</summary>
public sealed record FirstContactAnswer(string Answer);

public interface IIntakeClient
{
    [Get("/catalogue")]
    Task<List<CatalogueCategoryView>> CatalogueAsync(CancellationToken cancellationToken = default);

    [Post("/tickets")]
    Task<TicketSummary> RegisterAsync([Body] CallToRegister call, [Header("Idempotency-Key")] string idempotencyKey,
        CancellationToken cancellationToken = default);

    [Get("/tickets/{id}")]
    Task<TicketSummary> TicketAsync(Guid id, CancellationToken cancellationToken = default);

    [Post("/tickets/{id}/accept")]
    Task<TicketSummary> AcceptAsync(Guid id, CancellationToken cancellationToken = default);

    [Post("/tickets/{id}/resolve")]
    Task<TicketSummary> ResolveAsync(Guid id, [Body] FirstContactAnswer answer, CancellationToken cancellationToken = default);

    [Get("/callers/{phone}/tickets")]
    Task<Page<TicketSummary>> CallerHistoryAsync(string phone, int pageSize = 5, CancellationToken cancellationToken = default);

    [Get("/duplicates")]
    Task<List<DuplicateCandidate>> DuplicatesAsync(string? phone, string? address, string? content, CancellationToken cancellationToken = default);
}

public sealed record TimelineEntry(int Position, DateTimeOffset At, string Kind, string Actor, string Role, string? Reason,
    TicketState? From, TicketState? To, string? Office = null);

public sealed record DefinitionRef(string Name, int Version);

public sealed record WorkItemView(Guid Id, string Kind, string Status, TicketState OpenedIn, string? OfficeCode, DateTimeOffset OpenedAt,
    DateTimeOffset? DueAt, DateTimeOffset? ClosedAt);

public sealed record InstanceDetail(Guid TicketId, string Number, TicketState State, DefinitionRef Definition, Category Category,
    Urgency Urgency, string? OfficeCode, List<string> PermittedTriggers, List<WorkItemView> WorkItems, List<TimelineEntry> Timeline,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record StateDefinition(string Name, string? Parent = null, bool IsGroup = false, string? Description = null);

public sealed record TransitionDefinition(string From, string Trigger, string? To = null);

public sealed record TriggerDefinition(string Name, string? Event = null, List<string>? Roles = null, string? Description = null);

public sealed record LifecycleDefinition(string Name, int Version, string Title, string InitialState, List<StateDefinition> States,
    List<TriggerDefinition> Triggers, List<TransitionDefinition> Transitions);

public sealed record TriggerRequest(string? Reason = null, string? OfficeCode = null);

public interface IWorkflowClient
{
    [Get("/instances/{ticketId}")]
    Task<InstanceDetail> InstanceAsync(Guid ticketId, CancellationToken cancellationToken = default);

    [Get("/lifecycle/definitions/{name}")]
    Task<LifecycleDefinition> DefinitionAsync(string name, int? version, CancellationToken cancellationToken = default);

    [Post("/instances/{ticketId}/triggers/{trigger}")]
    Task<InstanceDetail> FireAsync(Guid ticketId, string trigger, [Body] TriggerRequest request, CancellationToken cancellationToken = default);
}

public sealed record AssignmentView(Guid Id, Guid TicketId, string Number, Category Category, Urgency Urgency, string RegionCode,
    string OfficeCode, string OfficeName, string Status, DateTimeOffset AssignedAt, DateTimeOffset? SignedAt, string? ReturnReason, string Role,
    DateTimeOffset? DueAt = null, string? DueKind = null, bool DuePaused = false);

public sealed record ReturnReasonView(ReturnReason Code, string Name);

public sealed record SignFor(string OfficeCode);

public sealed record ReturnWork(string OfficeCode, ReturnReason ReasonCode, string Reason);

public interface IDispatchClient
{
    [Get("/regions")]
    Task<List<RegionView>> RegionsAsync(CancellationToken cancellationToken = default);

    [Get("/offices/{code}/inbox")]
    Task<Page<AssignmentView>> InboxAsync(string code, string? status = null, string? sort = null, int? pageSize = null,
        CancellationToken cancellationToken = default);

    [Get("/assignments")]
    Task<Page<AssignmentView>> AssignmentsAsync(Guid? ticketId = null, CancellationToken cancellationToken = default);

    [Get("/return-reasons")]
    Task<List<ReturnReasonView>> ReturnReasonsAsync(CancellationToken cancellationToken = default);

    [Post("/assignments/{id}/sign")]
    Task<AssignmentView> SignForAsync(Guid id, [Body] SignFor request, CancellationToken cancellationToken = default);

    [Post("/assignments/{id}/return")]
    Task<AssignmentView> ReturnAsync(Guid id, [Body] ReturnWork request, CancellationToken cancellationToken = default);
}

public sealed record CaseNoteView(Guid Id, string Text, string Visibility, string By, DateTimeOffset At);

public sealed record CaseAttachmentView(Guid Id, string FileName, string ContentType, long Size, string By, DateTimeOffset At);

public sealed record HandlingCaseView(Guid Id, Guid TicketId, string Number, Guid AssignmentId, string OfficeCode, string Status,
    DateTimeOffset OpenedAt, string? ReplyToCustomer, DateTimeOffset? CompletedAt, string? CompletedBy, string? Result, bool WaitingOnCustomer,
    List<CaseNoteView> Notes, List<CaseAttachmentView> Attachments);

public sealed record AddNote(string OfficeCode, string Text, string Visibility);

public sealed record CompleteCase(string OfficeCode, string ReplyToCustomer, string Result = "Resolved", string? ResultExplanation = null);

public interface IFollowUpClient
{
    [Get("/cases")]
    Task<Page<HandlingCaseView>> CasesAsync(Guid? ticketId = null, CancellationToken cancellationToken = default);

    [Post("/cases/{id}/notes")]
    Task NoteAsync(Guid id, [Body] AddNote note, CancellationToken cancellationToken = default);

    [Multipart]
    [Post("/cases/{id}/attachments")]
    Task AttachAsync(Guid id, string officeCode, StreamPart file, CancellationToken cancellationToken = default);

    [Post("/cases/{id}/completion")]
    Task<HandlingCaseView> CompleteAsync(Guid id, [Body] CompleteCase completion, CancellationToken cancellationToken = default);
}

public sealed record ClockView(Guid Id, Guid WorkItemId, Guid TicketId, string Number, string OfficeCode, string Kind, Urgency Urgency,
    string Status, string Stage, bool Paused, DateTimeOffset StartedAt, DateTimeOffset YellowAt, DateTimeOffset RedAt, DateTimeOffset Deadline,
    DateTimeOffset? OriginalDeadline, DateTimeOffset? StoppedAt, DateTimeOffset? BreachedAt, int NoticeLevel);

public sealed record BreachesByOffice(string OfficeCode, int Breaches, int Returns, int Finished, int FinishedInTime);

public sealed record NoticeView(Guid Id, Guid ClockId, Guid WorkItemId, Guid TicketId, string Number, string OfficeCode, int Level, string Status,
    DateTimeOffset Deadline, DateTimeOffset IssuedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, string? AcknowledgementNote);

public sealed record ExtensionView(Guid Id, Guid ClockId, Guid WorkItemId, Guid TicketId, string OfficeCode, DateTimeOffset DeadlineThen,
    DateTimeOffset WantedDeadline, string Reason, string RequestedBy, DateTimeOffset RequestedAt, string Status, DateTimeOffset? ApprovedDeadline,
    string? DecisionNote, string? DecidedBy, DateTimeOffset? DecidedAt);

public sealed record FileExtension(DateTimeOffset WantedDeadline, string Reason, Guid? WorkItemId = null);

public sealed record ApproveExtension(DateTimeOffset? Deadline = null, string? Note = null);

public sealed record DenyExtension(string Reason);

public sealed record AcknowledgeNotice(string? Note = null);

public interface ISupervisionClient
{
    [Get("/clocks")]
    Task<Page<ClockView>> ClocksAsync(Guid? ticketId = null, string? office = null, string? status = null, int? pageSize = null,
        CancellationToken cancellationToken = default);

    [Get("/views/due-soon")]
    Task<List<ClockView>> DueSoonAsync(double? hours = null, CancellationToken cancellationToken = default);

    [Get("/views/breaches")]
    Task<List<BreachesByOffice>> BreachesAsync(CancellationToken cancellationToken = default);

    [Get("/notices")]
    Task<Page<NoticeView>> NoticesAsync(string? status = null, Guid? ticketId = null, int? pageSize = null, CancellationToken cancellationToken = default);

    [Post("/notices/{id}/acknowledge")]
    Task<NoticeView> AcknowledgeAsync(Guid id, [Body] AcknowledgeNotice request, CancellationToken cancellationToken = default);

    [Get("/extensions")]
    Task<Page<ExtensionView>> ExtensionsAsync(string? status = null, Guid? ticketId = null, int? pageSize = null,
        CancellationToken cancellationToken = default);

    [Post("/extensions")]
    Task<ExtensionView> FileExtensionAsync([Body] FileExtension request, CancellationToken cancellationToken = default);

    [Post("/extensions/{id}/approve")]
    Task<ExtensionView> ApproveAsync(Guid id, [Body] ApproveExtension request, CancellationToken cancellationToken = default);

    [Post("/extensions/{id}/deny")]
    Task<ExtensionView> DenyAsync(Guid id, [Body] DenyExtension request, CancellationToken cancellationToken = default);
}

public sealed record CallbackCallView(DateTimeOffset At, string Result, string? Note, string AgentId);

public sealed record CallbackTaskView(Guid Id, Guid TicketId, string Number, string? OfficeCode, string ReplyToCustomer, DateTimeOffset DueAt,
    string Status, int Attempts, List<CallbackCallView> Calls, string? ClaimedBy, DateTimeOffset? ClaimExpiresAt, string? LastAttemptNote);

public sealed record RecordFailedAttempt(string Result, string? Note = null);

public sealed record RecordCallbackOutcome(bool Resolved, Satisfaction Satisfaction, string? Comment = null, int? AttitudeScore = null,
    int? SpeedScore = null, int? ResultScore = null);

public interface ICallbackClient
{
    [Get("/tasks")]
    Task<Page<CallbackTaskView>> TasksAsync(bool? claimable = null, Guid? ticketId = null, int? pageSize = null,
        CancellationToken cancellationToken = default);

    [Post("/tasks/{id}/claim")]
    Task ClaimAsync(Guid id, CancellationToken cancellationToken = default);

    [Post("/tasks/{id}/attempts")]
    Task AttemptAsync(Guid id, [Body] RecordFailedAttempt attempt, CancellationToken cancellationToken = default);

    [Post("/tasks/{id}/outcome")]
    Task OutcomeAsync(Guid id, [Body] RecordCallbackOutcome outcome, CancellationToken cancellationToken = default);
}
