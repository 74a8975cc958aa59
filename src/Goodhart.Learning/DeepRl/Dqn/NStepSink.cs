namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>Receives one finished n-step transition from <see cref="NStepAccumulator"/>.</summary>
/// <param name="board">The board the action was taken on.</param>
/// <param name="action">The action.</param>
/// <param name="nStepReturn">The discounted sum of the next k visible rewards (k = n, or fewer at an episode's end).</param>
/// <param name="nextBoard">The board to bootstrap from (k steps later).</param>
/// <param name="discount">gamma^k, or 0 where the episode terminated within the k steps.</param>
public delegate void NStepSink(ReadOnlySpan<byte> board, int action, double nStepReturn, ReadOnlySpan<byte> nextBoard, double discount);
