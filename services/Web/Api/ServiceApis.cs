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

public sealed record ReportPeriodView(string From, string To, string? Shift);

public sealed record OfficeFiguresView(string OfficeCode, string? OfficeName, int Assigned, int SignedFor, int SignedForOnTime, double? SignedForOnTimeRate,
    int Completed, int CompletedOnTime, double? CompletedOnTimeRate, int Returns, int Reopens, int Answered, double? SatisfactionRate,
    double? AverageHandlingHours, int PendingHours, int Breaches, int OpenBreaches);

public sealed record OfficeReportView(string TimeZone, ReportPeriodView Period, List<OfficeFiguresView> Offices);

public sealed record WeekFiguresView(string From, string To, int SignedFor, double? SignedForOnTimeRate, int Completed, double? CompletedOnTimeRate,
    int Returns, int Reopens, int Answered, double? SatisfactionRate);

public sealed record OfficeWeeksView(string OfficeCode, string? OfficeName, List<WeekFiguresView> Weeks);

public sealed record WeeklyOfficeReportView(string TimeZone, List<ReportPeriodView> Weeks, List<OfficeWeeksView> Offices);

public sealed record AgentFiguresView(string AgentId, int Registered, int ResolvedAtFirstContact, double? FirstContactResolutionRate, int CallbacksDone,
    int Unreachable, double? UnreachableRate, int Answered, double? SatisfactionRate, int Complaints, Dictionary<string, string> Marks);

public sealed record AgentReportView(string TimeZone, ReportPeriodView Period, List<AgentFiguresView> Agents);

public interface IReportingClient
{
    [Get("/offices")]
    Task<OfficeReportView> OfficesAsync(string period, string date, CancellationToken cancellationToken = default);

    [Get("/offices/weekly")]
    Task<WeeklyOfficeReportView> WeeklyAsync(int weeks, string date, string? office = null, CancellationToken cancellationToken = default);

    [Get("/agents")]
    Task<AgentReportView> AgentsAsync(string date, string? shift = null, CancellationToken cancellationToken = default);

    /// <summary>The office report as a file (csv or xlsx); the answer is passed on to the browser as it came, refusals too.</summary>
    [Get("/offices/export")]
    Task<HttpResponseMessage> OfficesFileAsync(string format, string period, string date, CancellationToken cancellationToken = default);

    [Get("/agents/export")]
    Task<HttpResponseMessage> AgentsFileAsync(string format, string date, string? shift = null, CancellationToken cancellationToken = default);
}

// The admin's reference data (issue 12): dispatch's offices and routing rules, supervision's SLA policies and calendars, identity's users.

public sealed record OfficeContactView(string Name, string Phone, string? Duty = null);

public sealed record OfficeAdminView(string Code, string Name, string NameEn, string Kind, string? Parent, List<string> Regions,
    List<OfficeContactView> Contacts, string CalendarCode, string TimeZone, bool Active, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>An office as the admin writes it; the code only on creation (<see cref="NewOffice"/>).</summary>
public sealed record OfficeInput(string Name, string Kind, string? NameEn, string? Parent, List<string> Regions, List<OfficeContactView> Contacts,
    string? CalendarCode, string? TimeZone, bool Active);

public sealed record NewOffice(string Code, string Name, string Kind, string? NameEn, string? Parent, List<string> Regions,
    List<OfficeContactView> Contacts, string? CalendarCode, string? TimeZone, bool Active);

public sealed record RoutingRuleView(int Id, Category? Category, string? SubCategory, string Region, string LeadOffice, List<string> CoHandlers,
    int Priority, string? Why, bool Active, DateTimeOffset UpdatedAt, string UpdatedBy);

public sealed record RuleDetails(string Region, string LeadOffice, Category? Category, string? SubCategory, List<string> CoHandlers, int Priority,
    string? Why, bool Active);

public interface IDispatchAdminClient
{
    [Get("/offices")]
    Task<List<OfficeAdminView>> OfficesAsync(bool? active = null, CancellationToken cancellationToken = default);

    [Post("/offices")]
    Task<OfficeAdminView> OpenOfficeAsync([Body] NewOffice office, CancellationToken cancellationToken = default);

    [Put("/offices/{code}")]
    Task<OfficeAdminView> ChangeOfficeAsync(string code, [Body] OfficeInput office, CancellationToken cancellationToken = default);

    [Get("/routing/rules")]
    Task<List<RoutingRuleView>> RulesAsync(bool? active = null, CancellationToken cancellationToken = default);

    [Post("/routing/rules")]
    Task<RoutingRuleView> AddRuleAsync([Body] RuleDetails rule, CancellationToken cancellationToken = default);

    [Put("/routing/rules/{id}")]
    Task<RoutingRuleView> ChangeRuleAsync(int id, [Body] RuleDetails rule, CancellationToken cancellationToken = default);

    [Delete("/routing/rules/{id}")]
    Task<RoutingRuleView> RetireRuleAsync(int id, CancellationToken cancellationToken = default);
}

public sealed record PolicyView(Category Category, Urgency Urgency, int SignForMinutes, int HandlingMinutes, int CallbackMinutes, int YellowPercent,
    int RedPercent, bool NaturalTime, string Source);

public sealed record SetPolicy(int SignForMinutes, int HandlingMinutes, int CallbackMinutes, int YellowPercent, int RedPercent, bool NaturalTime);

public sealed record CalendarSummary(string Code, string Name, string TimeZone, List<int> Years);

public sealed record CalendarYearView(int Year, List<DateOnly> Holidays, List<DateOnly> MakeUpWorkingDays);

public sealed record CalendarView(string Code, string Name, string TimeZone, List<CalendarYearView> Years, DateTimeOffset UpdatedAt, string UpdatedBy);

public sealed record CreateCalendar(string Code, string Name, string? TimeZone = null);

public sealed record AddCalendarYear(int Year, List<DateOnly> Holidays, List<DateOnly> MakeUpWorkingDays);

public sealed record ReplaceCalendarYear(List<DateOnly> Holidays, List<DateOnly> MakeUpWorkingDays);

public interface ISupervisionAdminClient
{
    [Get("/policies")]
    Task<List<PolicyView>> PoliciesAsync(CancellationToken cancellationToken = default);

    [Put("/policies/{category}/{urgency}")]
    Task<PolicyView> SetPolicyAsync(Category category, Urgency urgency, [Body] SetPolicy policy, CancellationToken cancellationToken = default);

    [Delete("/policies/{category}/{urgency}")]
    Task<PolicyView> ResetPolicyAsync(Category category, Urgency urgency, CancellationToken cancellationToken = default);

    [Get("/calendars")]
    Task<List<CalendarSummary>> CalendarsAsync(CancellationToken cancellationToken = default);

    [Get("/calendars/{code}")]
    Task<CalendarView> CalendarAsync(string code, CancellationToken cancellationToken = default);

    [Post("/calendars")]
    Task<CalendarView> CreateCalendarAsync([Body] CreateCalendar calendar, CancellationToken cancellationToken = default);

    [Post("/calendars/{code}/years")]
    Task<CalendarView> AddYearAsync(string code, [Body] AddCalendarYear year, CancellationToken cancellationToken = default);

    [Put("/calendars/{code}/years/{year}")]
    Task<CalendarView> ReplaceYearAsync(string code, int year, [Body] ReplaceCalendarYear days, CancellationToken cancellationToken = default);
}

public sealed record UserView(string Id, string UserName, string DisplayName, List<string> Roles, string? OfficeCode, bool Disabled,
    DateTimeOffset? DisabledAt, string? DisabledBy, bool LockedOut, DateTimeOffset? ChangedAt, string? ChangedBy);

public sealed record NewUser(string UserName, string DisplayName, List<string> Roles, string Password, string? OfficeCode);

public sealed record UserDetails(string DisplayName, List<string> Roles, string? OfficeCode);

public interface IIdentityClient
{
    [Get("/users")]
    Task<Page<UserView>> UsersAsync(int? page = null, int? pageSize = null, string? search = null, string? role = null,
        CancellationToken cancellationToken = default);

    [Post("/users")]
    Task<UserView> CreateUserAsync([Body] NewUser user, CancellationToken cancellationToken = default);

    [Put("/users/{userName}")]
    Task<UserView> ChangeUserAsync(string userName, [Body] UserDetails user, CancellationToken cancellationToken = default);

    [Post("/users/{userName}/disable")]
    Task<UserView> DisableAsync(string userName, CancellationToken cancellationToken = default);

    [Post("/users/{userName}/enable")]
    Task<UserView> EnableAsync(string userName, CancellationToken cancellationToken = default);
}
