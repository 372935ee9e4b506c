using System.Text.Json;
using Ticketing.Web.Api;
using Ticketing.Web.Lifecycle;

namespace Ticketing.UnitTests.Web;

/// <summary>The ticket page's lifecycle drawing, laid out from the shipped definitions as the workflow serves them.</summary>
public sealed class LifecycleLayoutTests
{
    private static LifecycleDefinition Shipped(string file) => JsonSerializer.Deserialize<LifecycleDefinition>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Lifecycle/Definitions", file)), JsonSerializerOptions.Web)!;

    [Theory]
    [InlineData("complaint.v2.json")]
    [InlineData("consultation.v2.json")]
    [InlineData("default.v1.json")]
    public void Every_state_gets_its_own_box_and_every_transition_an_arrow(string file)
    {
        var definition = Shipped(file);
        var layout = LifecycleLayout.Of(definition);

        Assert.Equal(definition.States.Where(s => !s.IsGroup).Select(s => s.Name).Order(), layout.States.Select(b => b.Name).Order());
        foreach (var (a, b) in layout.States.SelectMany(a => layout.States.Where(b => string.CompareOrdinal(a.Name, b.Name) < 0).Select(b => (a, b))))
            Assert.False(a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height, $"{a.Name} overlaps {b.Name}");
        Assert.All(layout.States, b => Assert.InRange(b.X + b.Width, 0, layout.Width));
        Assert.All(layout.States, b => Assert.InRange(b.Bottom, 0, layout.Height));

        var drawn = layout.Arrows.Concat(layout.GroupArrows).SelectMany(a => a.Triggers.Select(t => (a.From, a.To, t))).ToHashSet();
        Assert.All(definition.Transitions, t => Assert.Contains((t.From, t.To == t.From ? null : t.To, t.Trigger), drawn));
    }

    [Fact]
    public void The_call_comes_in_at_the_top_the_final_states_share_the_bottom_and_returns_go_back_up()
    {
        var layout = LifecycleLayout.Of(Shipped("complaint.v2.json"));

        Assert.Equal(layout.States.Min(b => b.Y), layout.Box("Received").Y);
        Assert.True(layout.Box("Accepted").Y < layout.Box("Assigned").Y && layout.Box("Assigned").Y < layout.Box("InProgress").Y);
        var bottom = layout.States.Max(b => b.Y);
        Assert.All(new[] { "Closed", "Rejected", "Merged" }, name => Assert.Equal(bottom, layout.Box(name).Y));
        Assert.Contains(layout.Arrows, a => (a.From, a.To, a.Back) == ("InProgress", "Accepted", true)); // Reassign
        Assert.Contains(layout.Arrows, a => (a.From, a.To, a.Back) == ("Received", "Accepted", false));

        // Open frames its members, not the final states; its Escalate keeps the state, CloseEarly leaves the frame for Closed.
        var open = Assert.Single(layout.Groups);
        Assert.True(open.Y + open.Height < layout.Box("Closed").Y);
        Assert.Contains(layout.GroupArrows, a => a.From == "Open" && a.To is null && a.Triggers.Contains("Escalate"));
        Assert.Contains(layout.GroupArrows, a => (a.From, a.To) == ("Open", "Closed") && a.Triggers.Contains("CloseEarly"));
    }
}
