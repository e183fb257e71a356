package minsheng.app;

import io.micrometer.core.instrument.MeterRegistry;
import minsheng.channel.ChatApi;
import minsheng.channel.wechat.WechatWebhook;
import minsheng.console.ClaimsDesk;
import minsheng.console.ConsoleAuth;
import minsheng.console.Inbox;
import minsheng.console.ConsoleReference;
import minsheng.console.Exports;
import minsheng.console.IntentRetraining;
import minsheng.console.KnowledgeConsole;
import minsheng.console.Statistics;
import minsheng.insurer.InsurerApi;
import minsheng.config.Config;
import minsheng.dialogue.Assistant;
import minsheng.store.Store;

/** The parts the HTTP surfaces are built from, assembled once by {@link Minsheng}. */
record Services(Config config, Store store, MeterRegistry registry, Assistant assistant, ChatApi chatApi,
    WechatWebhook wechat, InsurerApi insurer, ConsoleAuth console, KnowledgeConsole knowledge,
    Inbox inbox, ClaimsDesk claims, Statistics statistics, Exports exports, IntentRetraining retraining,
    ConsoleReference reference) {
}
