/**
 * Pretraining: {@link storylab.train.Pretrain} (fluent; word budget, AdamW with decay on matrices, warmup then
 * linear or cosine decay, global gradient clipping, accumulation, validation, live dashboard), checkpoints
 * at word {@link storylab.train.Milestones} written atomically by {@link storylab.train.Checkpoint}, exact
 * {@link storylab.train.Pretrain#resume}, and the {@link storylab.train.TrainingReport} it returns.
 *
 * <pre>{@code
 * var report = Pretrain.of(model, tokenizer, corpus).words(2_000_000)
 *         .checkpointsAt(Milestones.paperA(0.01)).into(Path.of("runs/tiny")).run();
 * report.table();            // step, words, tokens, loss, val_loss, val_ppl, lr, tokens_per_s
 * Pretrain.resume(Path.of("runs/tiny"), corpus).run();   // continues the same trajectory
 * }</pre>
 */
package storylab.train;
