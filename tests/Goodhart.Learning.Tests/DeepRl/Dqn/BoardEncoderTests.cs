using CsCheck;
using Goodhart.Core.Environments;
using Goodhart.Learning.DeepRl.Dqn;

namespace Goodhart.Learning.Tests.DeepRl.Dqn;

/// <summary>
/// <see cref="BoardEncoder.NonzeroInputs"/> (a table of plane offsets, no bounds checks) names exactly the inputs that
/// <see cref="BoardEncoder.Encode"/> sets to 1, one per cell in cell order, for any board over the env's tiles, and
/// refuses a tile outside the alphabet naming the first such cell.
/// </summary>
public class BoardEncoderTests
{
    private static readonly EnvironmentSpec Spec = EnvironmentCatalog.Default().Create("friend_foe").Spec;

    [Fact]
    public void NonzeroInputs_are_the_ones_of_the_encoded_planes_in_cell_order()
    {
        var encoder = new BoardEncoder(Spec);
        Gen.Int[0, Spec.Tiles.Length - 1].Array[Spec.CellCount].Sample(tiles =>
        {
            var board = tiles.Select(t => (byte)Spec.Tiles[t]).ToArray();
            var planes = new float[encoder.Length];
            encoder.Encode(board, planes);
            var indices = new int[Spec.CellCount];
            encoder.NonzeroInputs(board, indices);
            var ones = Enumerable.Range(0, encoder.Length).Where(k => planes[k] == 1f).OrderBy(k => k % Spec.CellCount);
            return indices.SequenceEqual(ones) && indices.Select((k, i) => k % Spec.CellCount == i).All(x => x);
        });
    }

    [Fact]
    public void NonzeroInputs_refuses_a_tile_outside_the_alphabet_naming_the_first_cell()
    {
        var encoder = new BoardEncoder(Spec);
        var board = Enumerable.Repeat((byte)Spec.Tiles[0], Spec.CellCount).ToArray();
        board[3] = (byte)'?';
        board[5] = (byte)'!';
        var error = Assert.Throws<ArgumentException>(() => encoder.NonzeroInputs(board, new int[Spec.CellCount]));
        Assert.Contains("tile '?' at cell 3 is not in the env's alphabet", error.Message, StringComparison.Ordinal);
    }
}
