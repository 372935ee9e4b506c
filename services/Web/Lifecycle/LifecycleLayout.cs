using Ticketing.Web.Api;

namespace Ticketing.Web.Lifecycle;

/// <summary>A state's box in the drawing, top-left corner and size in SVG units.</summary>
public sealed record StateBox(string Name, double X, double Y, double Width, double Height, int Layer)
{
    public double CentreX => X + Width / 2;
    public double Bottom => Y + Height;
}

/// <summary>
/// One arrow: the triggers that lead from one state to another (or keep it where it is, <see cref="To"/> null). <see cref="Back"/>
/// arrows go up the drawing (a return, a reopen) and are drawn as curves right of the boxes; <see cref="Long"/> ones skip a layer
/// or more on their way down and are drawn as curves left of them, so that no arrow crosses the boxes between.
/// </summary>
public sealed record Arrow(string From, string? To, IReadOnlyList<string> Triggers, bool Back, bool Long = false);

/// <summary>A group state (such as Open) drawn as a dashed frame round its members; its own triggers leave from the frame.</summary>
public sealed record GroupFrame(string Name, double X, double Y, double Width, double Height);

/// <summary>
/// A simple layered drawing of a lifecycle definition, computed from the definition alone: each state is placed one layer
/// below the furthest state that leads to it (a depth-first walk from the initial state, arrows back up not counted),
/// the final states (those nothing leaves) share the last layer, and the states of a layer keep the definition's order.
/// </summary>
public sealed class LifecycleLayout
{
    public const double BoxWidth = 150, BoxHeight = 34, LayerGap = 52, ColumnGap = 40, Margin = 20, LaneGap = 16;

    public IReadOnlyList<StateBox> States { get; }
    public IReadOnlyList<Arrow> Arrows { get; }
    public IReadOnlyList<GroupFrame> Groups { get; }

    /// <summary>The groups' own transitions, as the frame's arrows (to a state) or loops (staying).</summary>
    public IReadOnlyList<Arrow> GroupArrows { get; }

    /// <summary>Where the lanes of the arrows back up begin: right of the widest layer.</summary>
    public double LanesStart => States.Max(s => s.X + s.Width) + 30;

    /// <summary>Where the lanes of the long arrows down begin: left of the widest layer, counted leftwards.</summary>
    public double LeftLanesStart => States.Min(s => s.X) - 30;

    public double Width { get; }
    public double Height { get; }

    private LifecycleLayout(List<StateBox> states, List<Arrow> arrows, List<GroupFrame> groups, List<Arrow> groupArrows, double width,
        double height) =>
        (States, Arrows, Groups, GroupArrows, Width, Height) = (states, arrows, groups, groupArrows, width, height);

    public StateBox Box(string name) => States.First(s => s.Name == name);

    public static LifecycleLayout Of(LifecycleDefinition definition)
    {
        var groupNames = definition.States.Where(s => s.IsGroup).Select(s => s.Name).ToHashSet();
        var names = definition.States.Where(s => !s.IsGroup).Select(s => s.Name).ToList();
        var stateTransitions = definition.Transitions.Where(t => !groupNames.Contains(t.From) && names.Contains(t.From)).ToList();
        var next = names.ToDictionary(n => n, n => stateTransitions.Where(t => t.From == n && t.To is not null && t.To != n)
            .Select(t => t.To!).Where(names.Contains).Distinct().ToList());

        // Depth-first from the initial state: an arrow to a state still on the walk's path goes back up.
        var backEdges = new HashSet<(string, string)>();
        var visited = new HashSet<string>();
        var onPath = new HashSet<string>();
        void Walk(string state)
        {
            visited.Add(state);
            onPath.Add(state);
            foreach (var to in next[state])
            {
                if (onPath.Contains(to)) backEdges.Add((state, to));
                else if (!visited.Contains(to)) Walk(to);
            }
            onPath.Remove(state);
        }
        if (names.Contains(definition.InitialState)) Walk(definition.InitialState);
        foreach (var state in names.Where(n => !visited.Contains(n))) Walk(state);

        // Longest path over the forward arrows (Kahn's order on the acyclic rest).
        var layer = names.ToDictionary(n => n, _ => 0);
        var incoming = names.ToDictionary(n => n, n => names.Count(m => next[m].Contains(n) && !backEdges.Contains((m, n))));
        var ready = new Queue<string>(names.Where(n => incoming[n] == 0));
        while (ready.Count > 0)
        {
            var state = ready.Dequeue();
            foreach (var to in next[state].Where(to => !backEdges.Contains((state, to))))
            {
                layer[to] = Math.Max(layer[to], layer[state] + 1);
                if (--incoming[to] == 0) ready.Enqueue(to);
            }
        }
        var finals = names.Where(n => next[n].Count == 0 && !stateTransitions.Any(t => t.From == n)).ToList();
        var nonFinalDepth = names.Except(finals).Select(n => layer[n]).DefaultIfEmpty(-1).Max();
        foreach (var final in finals) layer[final] = nonFinalDepth + 1;

        var arrows = stateTransitions.GroupBy(t => (t.From, To: t.To == t.From ? null : t.To))
            .Select(g => new Arrow(g.Key.From, g.Key.To, g.Select(t => t.Trigger).Distinct().ToList(),
                g.Key.To is { } to && layer[to] <= layer[g.Key.From], g.Key.To is { } down && layer[down] > layer[g.Key.From] + 1))
            .ToList();
        var leftLanes = arrows.Count(a => a.Long) * LaneGap + (arrows.Any(a => a.Long) ? 90 : 0);

        var layers = names.GroupBy(n => layer[n]).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        var widest = layers.Max(l => l.Count);
        var drawingWidth = widest * BoxWidth + (widest - 1) * ColumnGap;
        var boxes = new List<StateBox>();
        foreach (var (states, row) in layers.Select((l, i) => (l, i)))
        {
            var rowWidth = states.Count * BoxWidth + (states.Count - 1) * ColumnGap;
            var left = Margin + leftLanes + (drawingWidth - rowWidth) / 2;
            foreach (var (state, column) in states.Select((s, i) => (s, i)))
                boxes.Add(new StateBox(state, left + column * (BoxWidth + ColumnGap), Margin + LayerGap / 2 + row * (BoxHeight + LayerGap), BoxWidth,
                    BoxHeight, layer[state]));
        }


        var groups = new List<GroupFrame>();
        foreach (var group in definition.States.Where(s => s.IsGroup))
        {
            var members = boxes.Where(b => definition.States.First(s => s.Name == b.Name).Parent == group.Name).ToList();
            if (members.Count == 0) continue;
            var pad = 12.0;
            groups.Add(new GroupFrame(group.Name, members.Min(b => b.X) - pad, members.Min(b => b.Y) - pad - 14,
                members.Max(b => b.X + b.Width) - members.Min(b => b.X) + 2 * pad, members.Max(b => b.Bottom) - members.Min(b => b.Y) + 2 * pad + 14));
        }
        var groupArrows = definition.Transitions.Where(t => groupNames.Contains(t.From))
            .GroupBy(t => (t.From, t.To)).Select(g => new Arrow(g.Key.From, g.Key.To, g.Select(t => t.Trigger).Distinct().ToList(), false)).ToList();

        // Arrows back up run in lanes right of the boxes, one lane each, with room for their names.
        var width = Margin * 2 + leftLanes + drawingWidth + 40 + arrows.Count(a => a.Back) * LaneGap + 90;
        var height = boxes.Max(b => b.Bottom) + Margin + LayerGap / 2;
        return new LifecycleLayout(boxes, arrows, groups, groupArrows, width, height);
    }
}
