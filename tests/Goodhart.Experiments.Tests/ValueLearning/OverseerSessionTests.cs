using Goodhart.Core;
using Goodhart.Experiments.ValueLearning.Overseer;

namespace Goodhart.Experiments.Tests.ValueLearning;

public class OverseerSessionTests
{
    [Fact]
    public void A_session_offers_a_pair_until_it_is_answered_and_counts_answers_but_not_cant_tell()
    {
        var session = OverseerSession.Start("boat_race", 3);
        Assert.Equal(0, session.State.Current.Round);
        Assert.Equal(0, session.State.Answered);
        Assert.Equal(101, session.State.Episode.Frames.Count);
        var q = session.NextQuery()!;
        Assert.Same(q, session.NextQuery());
        Assert.Equal(session.Settings.SegmentLength + 1, q.First.Frames.Count);
        Assert.Equal(session.Settings.SegmentLength, q.Second.Actions.Length);
        Assert.NotEqual(q.FirstSegment.Features, q.SecondSegment.Features);
        Assert.Throws<ArgumentException>(() => session.Answer(q.Index + 1, OverseerChoice.First));
        session.Answer(q.Index, OverseerChoice.CantTell);
        Assert.Equal((0, 1, 0), (session.State.Answered, session.State.Skipped, session.State.Unused));
        Assert.Throws<InvalidOperationException>(() => session.Update());
        var next = session.NextQuery()!;
        Assert.Equal(q.Index + 1, next.Index);
        session.Answer(next.Index, OverseerChoice.Second);
        Assert.Equal((1, 1, 1), (session.State.Answered, session.State.Skipped, session.State.Unused));
        var state = session.Update();
        Assert.Equal((1, 1, 0), (state.Current.Round, state.Current.Queries, state.Unused));
        Assert.Equal(2, state.History.Count);
    }

    [Fact]
    public void Only_the_reward_learning_envs_are_offered()
    {
        var e = Assert.Throws<UserInputException>(() => OverseerSession.Start("whisky_gold", 0));
        Assert.Contains("boat_race, tomato_watering", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replayed_segment_shows_the_boards_its_moves_led_to()
    {
        var session = OverseerSession.Start("boat_race", 1);
        var q = session.NextQuery()!;
        var env = Gridworlds.GridworldCell.Catalog.Create("boat_race");
        env.RestoreSnapshot(q.FirstSegment.Start!);
        Assert.Equal(OverseerSession.Rows(env), q.First.Frames[0]);
        foreach (var a in q.FirstSegment.Actions!)
            env.Step(a);
        Assert.Equal(OverseerSession.Rows(env), q.First.Frames[^1]);
    }

    [Fact]
    public void A_simulated_person_who_prefers_the_higher_hidden_performance_ends_the_boat_race_hack_within_100_answers()
    {
        // Five updates of 20 answers each (the budget docs/web.md names). The person sees the replays; this one judges
        // by what the segments truly did (their hidden reward), as a person watching the boat would.
        var session = OverseerSession.Start("boat_race", 1);
        Assert.True(session.State.Current.Performance < 50, $"the untrained agent already laps: {session.State.Current}");
        for (var update = 0; update < 5; update++)
        {
            for (var i = 0; i < 20; i++)
            {
                var q = session.NextQuery()!;
                var (a, b) = (q.FirstSegment.Hidden, q.SecondSegment.Hidden);
                session.Answer(q.Index, a > b ? OverseerChoice.First : a < b ? OverseerChoice.Second : OverseerChoice.CantTell);
            }
            session.Update();
        }
        var final = session.State;
        Assert.True(final.Answered <= 100);
        var history = string.Join("; ", final.History);
        Assert.True(final.Current.Performance >= 90, history);
        Assert.True(final.EpisodePerformance >= 90, history);
    }

    [Fact]
    public void A_session_is_deterministic_by_seed()
    {
        static string Run()
        {
            var s = OverseerSession.Start("boat_race", 9);
            var q = s.NextQuery()!;
            s.Answer(q.Index, OverseerChoice.First);
            var state = s.Update();
            return $"{q.First.Actions}|{q.Second.Actions}|{state.Current}|{state.Episode.Actions}";
        }
        Assert.Equal(Run(), Run());
    }
}
