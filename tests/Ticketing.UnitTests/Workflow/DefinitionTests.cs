using Microsoft.Extensions.Options;
using Ticketing.Contracts;
using Ticketing.Workflow.Lifecycle;
using static Ticketing.Workflow.Lifecycle.LifecycleTriggers;

namespace Ticketing.UnitTests.Workflow;

/// <summary>The shipped definitions, every (state, trigger) pair of each, and every guard both ways.</summary>
public sealed class DefinitionTests
{
    private static readonly StatelessLifecycleEngine Engine = new();
    internal static readonly DefinitionCatalogue Shipped = DefinitionCatalogue.Load(Options.Create(new WorkflowOptions()), Engine);

    public static TheoryData<string> DefinitionNames => new(Shipped.Newest.Select(d => d.Name));

    /// <summary>The steps a ticket may take in each state (counters at zero, every request complete), as design.md §2 draws them.</summary>
    internal static Dictionary<(string State, string Trigger), string> Permitted(LifecycleDefinition definition, Guid ticketId)
    {
        var review = definition.Name == "complaint";
        var firstContact = SampledForCallback.IsSampled(definition.Settings, ticketId) ? "AwaitingCallback" : "Closed";
        var table = new Dictionary<(string, string), string>
        {
            [("Received", Accept)] = "Accepted",
            [("Received", Reject)] = "Rejected",
            [("Received", ResolveAtFirstContact)] = firstContact,
            [("Received", Merge)] = "Merged",
            [("Accepted", Assign)] = "Assigned",
            [("Accepted", Merge)] = "Merged",
            [("Assigned", SignFor)] = "InProgress",
            [("Assigned", Return)] = "Returned",
            [("Assigned", Reassign)] = "Accepted",
            [("Returned", Assign)] = "Assigned",
            [("Returned", Reassign)] = "Accepted",
            [("InProgress", Complete)] = review ? "UnderReview" : "AwaitingCallback",
            [("InProgress", Reassign)] = "Accepted",
            [("AwaitingCallback", ConfirmSatisfied)] = "Closed",
            [("AwaitingCallback", Reopen)] = "InProgress",
            [("AwaitingCallback", CustomerUnreachable)] = "AwaitingCallback", // the first attempt: still waiting
            [("AwaitingDecision", Reassign)] = "Accepted",
            [("AwaitingDecision", ReturnToOffice)] = "InProgress",
        };
        if (review)
        {
            table[("UnderReview", ApproveReply)] = "AwaitingCallback";
            table[("UnderReview", SendBack)] = "InProgress";
        }
        foreach (var open in definition.LeafStates.Where(s => !definition.IsTerminal(s)))
        {
            table[(open, Escalate)] = open;
            table[(open, CloseEarly)] = "Closed";
        }
        return table;
    }

    private static StepFacts AllGiven(Guid ticketId) => new(ticketId, Returns: 0, Reopens: 0, OfficeCode: "SFS-DC", Urgency.Normal,
        Reason: "理由", RequestedOfficeCode: "SFS-CG", PrimaryTicketId: Guid.NewGuid(), Attempt: 1);

    [Theory]
    [MemberData(nameof(DefinitionNames))]
    public void Every_state_and_trigger_pair_reaches_the_designed_state_or_is_refused_with_409(string name)
    {
        var definition = Shipped.Find(name)!;
        var ticketId = Guid.NewGuid();
        var permitted = Permitted(definition, ticketId);
        var pairs = 0;
        foreach (var state in definition.LeafStates)
        foreach (var trigger in LifecycleTriggers.All)
        {
            pairs++;
            var decision = Engine.Decide(definition, state, trigger, AllGiven(ticketId));
            if (permitted.TryGetValue((state, trigger), out var expected))
                Assert.True(decision.Permitted && decision.To == expected,
                    $"{name}: {state} --{trigger}--> expected {expected}, got {decision.To ?? decision.Refusal}");
            else
                Assert.True(!decision.Permitted && decision.RefusalStatus == 409,
                    $"{name}: {state} --{trigger}--> expected a 409 refusal, got {decision.To ?? $"{decision.RefusalStatus} {decision.Refusal}"}");
        }
        Assert.Equal(definition.LeafStates.Count() * LifecycleTriggers.All.Count(), pairs);
    }

    [Theory]
    [MemberData(nameof(DefinitionNames))]
    public void The_triggers_listed_as_permitted_are_the_ones_that_fire(string name)
    {
        var definition = Shipped.Find(name)!;
        var facts = AllGiven(Guid.NewGuid());
        foreach (var state in definition.LeafStates)
            Assert.Equal(
                LifecycleTriggers.All.Where(t => Engine.Decide(definition, state, t, facts).Permitted).Order(),
                Engine.PermittedTriggers(definition, state, facts).Order());
    }

    [Fact]
    public void A_return_goes_to_the_dispatchers_until_the_limit_then_to_a_supervisor()
    {
        var definition = Shipped.Find("default")!;
        var facts = AllGiven(Guid.NewGuid());
        Assert.Equal("Returned", Engine.Decide(definition, "Assigned", Return, facts with { Returns = 1 }).To);
        Assert.Equal("AwaitingDecision", Engine.Decide(definition, "Assigned", Return, facts with { Returns = 2 }).To);
        var noReason = Engine.Decide(definition, "Assigned", Return, facts with { Reason = null });
        Assert.Equal((false, 422), (noReason.Permitted, noReason.RefusalStatus));
        Assert.Contains("reason", noReason.Refusal);
    }

    [Fact]
    public void An_unsatisfied_customer_reopens_at_the_same_office_until_the_limit_and_a_first_contact_answer_goes_to_dispatch()
    {
        var definition = Shipped.Find("complaint")!;
        var facts = AllGiven(Guid.NewGuid());
        Assert.Equal("InProgress", Engine.Decide(definition, "AwaitingCallback", Reopen, facts with { Reopens = 1 }).To);
        Assert.Equal("AwaitingDecision", Engine.Decide(definition, "AwaitingCallback", Reopen, facts with { Reopens = 2 }).To);
        Assert.Equal("Accepted", Engine.Decide(definition, "AwaitingCallback", Reopen, facts with { OfficeCode = null }).To);
        var noOffice = Engine.Decide(definition, "AwaitingDecision", ReturnToOffice, facts with { OfficeCode = null });
        Assert.Equal((false, 409), (noOffice.Permitted, noOffice.RefusalStatus));
    }

    [Theory]
    [InlineData("default", 3)]
    [InlineData("consultation", 2)]
    public void An_unreachable_customer_closes_the_ticket_after_the_definitions_attempts(string name, int attempts)
    {
        var definition = Shipped.Find(name)!;
        var facts = AllGiven(Guid.NewGuid());
        var stays = Engine.Decide(definition, "AwaitingCallback", CustomerUnreachable, facts with { Attempt = attempts - 1 });
        Assert.True(stays.Permitted && stays.StaysInState);
        Assert.Equal("Closed", Engine.Decide(definition, "AwaitingCallback", CustomerUnreachable, facts with { Attempt = attempts }).To);
    }

    [Fact]
    public void A_first_contact_answer_is_called_back_at_the_definitions_rate()
    {
        var definition = Shipped.Find("default")!; // 20 %
        var ids = Enumerable.Range(0, 2000).Select(_ => Guid.NewGuid()).ToList();
        var sampled = ids.Count(id => Engine.Decide(definition, "Received", ResolveAtFirstContact, AllGiven(id)).To == "AwaitingCallback");
        Assert.InRange(sampled, 300, 500);
        Assert.All(ids.Take(50), id => Assert.Equal( // the same ticket always gets the same answer
            Engine.Decide(definition, "Received", ResolveAtFirstContact, AllGiven(id)).To,
            Engine.Decide(definition, "Received", ResolveAtFirstContact, AllGiven(id)).To));
        Assert.Equal("AwaitingCallback", Engine.Decide(Shipped.Find("complaint")!, "Received", ResolveAtFirstContact, AllGiven(ids[0])).To);
    }

    [Fact]
    public void Escalation_raises_urgency_until_critical_and_needs_the_request_data_it_names()
    {
        var definition = Shipped.Find("default")!;
        var facts = AllGiven(Guid.NewGuid());
        Assert.True(Engine.Decide(definition, "InProgress", Escalate, facts with { Urgency = Urgency.Urgent }).StaysInState);
        var critical = Engine.Decide(definition, "InProgress", Escalate, facts with { Urgency = Urgency.Critical });
        Assert.Equal((false, 409), (critical.Permitted, critical.RefusalStatus));
        Assert.Equal(422, Engine.Decide(definition, "Assigned", Reassign, facts with { RequestedOfficeCode = null }).RefusalStatus);
        Assert.Equal(422, Engine.Decide(definition, "Received", Merge, facts with { PrimaryTicketId = facts.TicketId }).RefusalStatus);
        Assert.Equal(422, Engine.Decide(definition, "Received", Reject, facts with { Reason = " " }).RefusalStatus);
        Assert.Equal(422, Engine.Decide(definition, "Received", CloseEarly, facts with { Reason = null }).RefusalStatus);
    }

    [Fact]
    public void Each_type_of_ticket_starts_on_its_own_definition()
    {
        Assert.Equal("complaint", Shipped.For(Category.Complaint).Name);
        Assert.Equal("complaint", Shipped.For(Category.Report).Name);
        Assert.Equal("consultation", Shipped.For(Category.Consultation).Name);
        Assert.Equal("default", Shipped.For(Category.HelpRequest).Name);
    }

    [Theory]
    [MemberData(nameof(DefinitionNames))]
    public void The_drawings_are_made_from_the_definition_itself(string name)
    {
        var definition = Shipped.Find(name)!;
        var mermaid = Engine.Draw(definition, LifecycleDrawing.Mermaid);
        var dot = Engine.Draw(definition, LifecycleDrawing.Dot);
        Assert.StartsWith("stateDiagram-v2", mermaid);
        Assert.Contains("digraph", dot);
        foreach (var transition in definition.Transitions.Where(t => t.To is not null && t.From != "Open"))
            Assert.Contains($"{transition.From} --> {transition.To} : {transition.Trigger}", mermaid);
        foreach (var trigger in definition.Triggers) Assert.Contains(trigger.Name, dot);
    }

    [Theory]
    [InlineData("""{"from":"Received","trigger":"Accept","to":"Nowhere"}""", "'Nowhere', which is not a state")]
    [InlineData("""{"from":"Received","trigger":"Accept","to":"Accepted","guards":["IsTuesday"]}""", "unknown guard 'IsTuesday'")]
    [InlineData("""{"from":"Received","trigger":"Teleport","to":"Accepted"}""", "undeclared trigger 'Teleport'")]
    public void A_broken_transition_stops_the_definition_with_a_clear_message(string transition, string expected)
    {
        var json = MinimalDefinition(transition);
        var problem = Assert.Throws<InvalidLifecycleDefinitionException>(() => Engine.Compile(LifecycleDefinition.Parse(json, "broken.json")));
        Assert.Contains(expected, problem.Message);
    }

    [Fact]
    public void A_state_that_cannot_be_reached_or_cannot_end_stops_the_definition()
    {
        var json = MinimalDefinition("""{"from":"Received","trigger":"Accept","to":"Closed"}""",
            extraStates: """,{"name":"Assigned"},{"name":"Returned"}""",
            extraTransitions: """,{"from":"Assigned","trigger":"Reject","to":"Returned"},{"from":"Returned","trigger":"Reject","to":"Assigned"}""");
        var problem = Assert.Throws<InvalidLifecycleDefinitionException>(() => Engine.Compile(LifecycleDefinition.Parse(json, "loop.json")));
        Assert.Contains("state 'Assigned' cannot be reached from 'Received'", problem.Message);
        Assert.Contains("no terminal state can be reached from 'Returned'", problem.Message);
    }

    [Fact]
    public void An_unknown_work_item_or_member_is_refused_when_the_file_is_read()
    {
        var json = MinimalDefinition("""{"from":"Received","trigger":"Accept","to":"Closed"}""").Replace("\"Registration\"", "\"Coffee\"");
        Assert.Throws<InvalidLifecycleDefinitionException>(() => LifecycleDefinition.Parse(json, "coffee.json"));
        var typo = MinimalDefinition("""{"from":"Received","trigger":"Accept","to":"Closed","gaurds":[]}""");
        Assert.Contains("gaurds", Assert.Throws<InvalidLifecycleDefinitionException>(() => LifecycleDefinition.Parse(typo, "typo.json")).Message);
    }

    [Fact]
    public void Two_definitions_claiming_one_ticket_type_or_no_default_stop_the_service()
    {
        var a = LifecycleDefinition.Parse(MinimalDefinition("""{"from":"Received","trigger":"Accept","to":"Accepted"}""", name: "default"), "a");
        var b = LifecycleDefinition.Parse(MinimalDefinition("""{"from":"Received","trigger":"Accept","to":"Accepted"}""", name: "other"), "b");
        Assert.Contains("both claim Complaint", Assert.Throws<InvalidLifecycleDefinitionException>(() => new DefinitionCatalogue([a, b], Engine)).Message);
        Assert.Contains("no 'default'", Assert.Throws<InvalidLifecycleDefinitionException>(() => new DefinitionCatalogue([b], Engine)).Message);
    }

    private static string MinimalDefinition(string transition, string extraStates = "", string extraTransitions = "", string name = "mini") => $$"""
        {
          "name": "{{name}}", "version": 1, "title": "t", "categories": ["Complaint"], "initialState": "Received", "settings": {},
          "states": [{"name":"Received","workItems":["Registration"]},{"name":"Accepted"},{"name":"Closed"}{{extraStates}}],
          "triggers": [{"name":"Accept","event":"ticket.accepted"},{"name":"Reject","event":"ticket.rejected"}],
          "transitions": [{{transition}},{"from":"Accepted","trigger":"Reject","to":"Closed"}{{extraTransitions}}]
        }
        """;
}
