using Ticketing.Contracts.Events;

namespace Ticketing.Contracts;

/// <summary>
/// One app of the system: its Dapr app id, the assembly and project that build it, where it listens
/// (the gateway port + <see cref="PortOffset"/>) and the integration events it publishes and handles.
/// </summary>
public sealed record SystemApp(
    string AppId, string AssemblyName, string ProjectPath, int PortOffset,
    IReadOnlyList<Type> Publishes, IReadOnlyList<Type> Subscribes)
{
    public IEnumerable<string> PublishedTopics => Publishes.Select(type => Topic.Of(type).Name);

    public IEnumerable<string> SubscribedTopics => Subscribes.Select(type => Topic.Of(type).Name);
}

/// <summary>
/// The one place that describes the system's apps. The launcher starts what is listed here on these
/// ports; the system tests hold the Dapr run file, the pub/sub scopes and the apps' real publications and
/// subscriptions against it, so a new service is added here (and as a project) and the tests find the rest.
/// </summary>
public static class SystemApps
{
    public static readonly SystemApp Gateway = new("gateway", "Ticketing.Gateway", "gateway/Ticketing.Gateway/Ticketing.Gateway.csproj", 0, [], []);

    public static readonly SystemApp Intake = new("intake", "Ticketing.Intake", "services/Intake/Ticketing.Intake.csproj", 1,
        Publishes: [typeof(TicketReceived), typeof(TicketAccepted), typeof(TicketRejected), typeof(TicketResolvedAtFirstContact)],
        Subscribes: [typeof(TicketStateChanged), typeof(WorkItemClosed), typeof(TicketEscalated), typeof(TicketAssigned),
            typeof(AssignmentReturned), typeof(SlaBreached)]);

    public static readonly SystemApp Workflow = new("workflow", "Ticketing.Workflow", "services/Workflow/Ticketing.Workflow.csproj", 2,
        Publishes: [typeof(TicketStateChanged), typeof(DispatchRequested), typeof(HandlingRequested), typeof(CallbackRequested),
            typeof(WorkItemClosed), typeof(TicketEscalated)],
        Subscribes: [typeof(TicketReceived), typeof(TicketAccepted), typeof(TicketRejected), typeof(TicketResolvedAtFirstContact),
            typeof(TicketAssigned), typeof(AssignmentSigned), typeof(AssignmentReturned), typeof(SlaBreached), typeof(HandlingCompleted),
            typeof(CallbackCompleted), typeof(CallbackFailed), typeof(SurveyCompleted), typeof(CoHandlingUpdated), typeof(HandlingWaitingChanged), typeof(SlaWarning),
            typeof(SlaBreachWithdrawn), typeof(SupervisionNoticeIssued), typeof(SupervisionNoticeAcknowledged), typeof(SupervisionReminderSent),
            typeof(SlaExtensionRequested), typeof(SlaExtensionDecided)]);

    public static readonly SystemApp Dispatch = new("dispatch", "Ticketing.Dispatch", "services/Dispatch/Ticketing.Dispatch.csproj", 3,
        Publishes: [typeof(TicketAssigned), typeof(AssignmentSigned), typeof(AssignmentReturned), typeof(CoHandlingUpdated)],
        Subscribes: [typeof(DispatchRequested), typeof(WorkItemClosed), typeof(TicketStateChanged), typeof(SlaDeadlineChanged)]);

    public static readonly SystemApp Supervision = new("supervision", "Ticketing.Supervision", "services/Supervision/Ticketing.Supervision.csproj", 4,
        Publishes: [typeof(SlaBreached), typeof(SlaWarning), typeof(SlaBreachWithdrawn), typeof(SupervisionNoticeIssued),
            typeof(SupervisionNoticeAcknowledged), typeof(SupervisionReminderSent), typeof(SlaExtensionRequested), typeof(SlaExtensionDecided),
            typeof(SlaDeadlineChanged)],
        Subscribes: [typeof(TicketAssigned), typeof(CoHandlingUpdated), typeof(AssignmentSigned), typeof(AssignmentReturned),
            typeof(HandlingRequested), typeof(HandlingCompleted), typeof(HandlingWaitingChanged), typeof(CallbackRequested),
            typeof(CallbackCompleted), typeof(WorkItemClosed), typeof(TicketEscalated)]);

    public static readonly SystemApp FollowUp = new("followup", "Ticketing.FollowUp", "services/FollowUp/Ticketing.FollowUp.csproj", 5,
        Publishes: [typeof(HandlingCompleted), typeof(HandlingWaitingChanged)],
        Subscribes: [typeof(HandlingRequested), typeof(WorkItemClosed)]);

    public static readonly SystemApp Callback = new("callback", "Ticketing.Callback", "services/Callback/Ticketing.Callback.csproj", 6,
        Publishes: [typeof(CallbackCompleted), typeof(CallbackFailed)],
        Subscribes: [typeof(CallbackRequested), typeof(WorkItemClosed)]);

    public static readonly SystemApp Survey = new("survey", "Ticketing.Survey", "services/Survey/Ticketing.Survey.csproj", 7,
        Publishes: [typeof(SurveyCompleted)],
        Subscribes: [typeof(CallbackCompleted)]);

    /// <summary>Sign-in and tokens (OpenID Connect); no events.</summary>
    public static readonly SystemApp Identity = new("identity", "Ticketing.Identity", "services/Identity/Ticketing.Identity.csproj", 8, [], []);

    /// <summary>The figures per office and per agent, counted from what the other services announced.</summary>
    public static readonly SystemApp Reporting = new("reporting", "Ticketing.Reporting", "services/Reporting/Ticketing.Reporting.csproj", 9,
        Publishes: [],
        Subscribes: [typeof(TicketReceived), typeof(TicketResolvedAtFirstContact), typeof(TicketStateChanged), typeof(TicketAssigned),
            typeof(AssignmentSigned), typeof(AssignmentReturned), typeof(HandlingRequested), typeof(HandlingCompleted), typeof(SlaBreached),
            typeof(SlaBreachWithdrawn), typeof(CallbackCompleted), typeof(CallbackFailed), typeof(SurveyCompleted)]);

    /// <summary>The web console, served at the gateway's root; it calls the services' public API through the gateway, as its user. No events.</summary>
    public static readonly SystemApp Web = new("web", "Ticketing.Web", "services/Web/Ticketing.Web.csproj", 10, [], []);

    /// <summary>The services in start order.</summary>
    public static IReadOnlyList<SystemApp> Services { get; } = [Intake, Workflow, Dispatch, Supervision, FollowUp, Callback, Survey, Identity, Reporting];

    /// <summary>Every app; the console after the services it calls, the gateway last, as it only forwards to them.</summary>
    public static IReadOnlyList<SystemApp> All { get; } = [.. Services, Web, Gateway];

    public static SystemApp Of(string appId) =>
        All.SingleOrDefault(app => app.AppId == appId) ?? throw new ArgumentException($"No app is called '{appId}'.", nameof(appId));
}
