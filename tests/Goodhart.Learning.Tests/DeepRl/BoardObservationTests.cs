using CsCheck;
using Goodhart.Core;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Learning.Tests.DeepRl;

/// <summary>The egocentric observation: the agent at the centre, a hand-worked board, translation invariance, the board kind unchanged.</summary>
public class BoardObservationTests
{
    private const string Tiles = "# AK";

    [Fact]
    public void A_known_board_maps_to_the_hand_worked_window_with_outside_cells_as_wall()
    {
        // Agent at row 0, column 0 of a 2 x 3 board: the window is 3 x 5 with the agent at (1, 2), so board cell
        // (r, c) lands at (r + 1, c + 2); rows and columns off the board are wall.
        var observation = new BoardObservation(new BoardShape(Tiles, 2, 3, 4), BoardObservationKind.Egocentric);
        var window = Decode(Observe(observation, ["AK ", "#  "]), observation.Input);

        Assert.Equal(new BoardShape(Tiles, 3, 5, 4), observation.Input);
        Assert.Equal(new[] { "#####", "##AK ", "###  " }, window);
    }

    [Fact]
    public void The_agent_is_the_centre_of_every_window_and_every_cell_holds_one_tile()
    {
        Gen.Int[1, 7].SelectMany(h => Gen.Int[1, 7].SelectMany(w => Gen.Int[0, (h * w) - 1].Select(Gen.Int[0, 2].Array[h * w], (agent, tiles) => (h, w, agent, tiles))))
            .Sample(c =>
            {
                var rows = Enumerable.Range(0, c.h).Select(r => new string([.. Enumerable.Range(0, c.w).Select(col =>
                    (r * c.w) + col == c.agent ? 'A' : "# K"[c.tiles[(r * c.w) + col]])])).ToArray();
                var observation = new BoardObservation(new BoardShape(Tiles, c.h, c.w, 4), BoardObservationKind.Egocentric);
                var window = Decode(Observe(observation, rows), observation.Input); // throws unless one plane per cell

                Assert.Equal(2 * c.h - 1, window.Length);
                Assert.Equal('A', window[c.h - 1][c.w - 1]);
                Assert.Equal(1, window.Sum(row => row.Count(t => t == 'A')));
                // The board's own cells keep their tiles around the centre.
                var (ar, ac) = (c.agent / c.w, c.agent % c.w);
                for (var r = 0; r < c.h; r++)
                {
                    for (var col = 0; col < c.w; col++)
                        Assert.Equal(rows[r][col], window[r - ar + c.h - 1][col - ac + c.w - 1]);
                }
            }, iter: 300, threads: 1);
    }

    [Fact]
    public void The_same_local_layout_at_two_positions_gives_the_same_observation()
    {
        var observation = new BoardObservation(new BoardShape(Tiles, 5, 5, 4), BoardObservationKind.Egocentric);
        var left = Observe(observation, ["#####", "#AK##", "#####", "#####", "#####"]);
        var right = Observe(observation, ["#####", "#####", "##AK#", "#####", "#####"]);
        var elsewhere = Observe(observation, ["#####", "#####", "##A##", "##K##", "#####"]);

        Assert.Equal(left, right);
        Assert.NotEqual(left, elsewhere);
    }

    [Fact]
    public void Any_pattern_around_the_agent_in_a_walled_board_reads_the_same_wherever_it_stands()
    {
        // A 3 x 3 pattern (agent in its middle) pasted at two places of a 7 x 8 board of wall.
        Gen.Select(Gen.Int[0, 3].Array[9], Gen.Int[0, 4], Gen.Int[0, 5], Gen.Int[0, 4], Gen.Int[0, 5]).Sample((pattern, r1, c1, r2, c2) =>
        {
            var observation = new BoardObservation(new BoardShape(Tiles, 7, 8, 4), BoardObservationKind.Egocentric);
            string[] Paste(int top, int left)
            {
                var cells = Enumerable.Range(0, 7).Select(_ => Enumerable.Repeat('#', 8).ToArray()).ToArray();
                for (var i = 0; i < 9; i++)
                    cells[top + (i / 3)][left + (i % 3)] = i == 4 ? 'A' : "# K#"[pattern[i]];
                return [.. cells.Select(r => new string(r))];
            }

            Assert.Equal(Observe(observation, Paste(r1, c1)), Observe(observation, Paste(r2, c2)));
        }, iter: 200, threads: 1);
    }

    [Fact]
    public void The_board_observation_is_the_planes_unchanged_and_batches_write_each_board_alone()
    {
        var shape = new BoardShape(Tiles, 2, 3, 4);
        var board = new BoardObservation(shape, BoardObservationKind.Board);
        var planes = Encode(shape, ["AK ", "#  "]);
        var copy = new float[planes.Length];
        board.Write(planes, 1, copy);
        Assert.Equal(shape, board.Input);
        Assert.Equal(planes, copy);

        var ego = new BoardObservation(shape, BoardObservationKind.Egocentric);
        var two = Encode(shape, ["AK ", "#  "]).Concat(Encode(shape, ["  K", "#A "])).ToArray();
        var batch = new float[2 * ego.Input.Length];
        ego.Write(two, 2, batch);
        Assert.Equal(Observe(ego, ["AK ", "#  "]), batch[..ego.Input.Length]);
        Assert.Equal(Observe(ego, ["  K", "#A "]), batch[ego.Input.Length..]);
    }

    [Fact]
    public void Egocentric_over_tiles_without_an_agent_or_a_wall_is_refused_naming_the_field()
    {
        var e = Assert.Throws<UserInputException>(() => new BoardObservation(new BoardShape(" AK", 2, 2, 4), BoardObservationKind.Egocentric));
        Assert.Contains("observation egocentric", e.Message, StringComparison.Ordinal);
        _ = new BoardObservation(new BoardShape(" AK", 2, 2, 4), BoardObservationKind.Board);
    }

    private static float[] Observe(BoardObservation observation, string[] rows)
    {
        var result = new float[observation.Input.Length];
        observation.Write(Encode(observation.Board, rows), 1, result);
        return result;
    }

    /// <summary>One-hot planes written independently of the code under test: plane p is Tiles[p], plane-major.</summary>
    private static float[] Encode(BoardShape shape, string[] rows)
    {
        var cells = shape.Height * shape.Width;
        var planes = new float[shape.Length];
        for (var r = 0; r < shape.Height; r++)
        {
            for (var c = 0; c < shape.Width; c++)
                planes[(shape.Tiles.IndexOf(rows[r][c], StringComparison.Ordinal) * cells) + (r * shape.Width) + c] = 1f;
        }

        return planes;
    }

    /// <summary>The window as rows of tiles; throws unless every cell has exactly one plane set.</summary>
    private static string[] Decode(float[] planes, BoardShape shape)
    {
        var cells = shape.Height * shape.Width;
        var rows = new string[shape.Height];
        for (var r = 0; r < shape.Height; r++)
        {
            var row = new char[shape.Width];
            for (var c = 0; c < shape.Width; c++)
            {
                var set = Enumerable.Range(0, shape.Planes).Where(p => planes[(p * cells) + (r * shape.Width) + c] != 0).ToList();
                Assert.True(set.Count == 1 && planes[(set[0] * cells) + (r * shape.Width) + c] == 1f, $"cell ({r}, {c}) has planes {string.Join(",", set)}");
                row[c] = shape.Tiles[set[0]];
            }

            rows[r] = new string(row);
        }

        return rows;
    }
}
