/**
 * The live training view: the token, a small form that starts a job, and
 * the job followed through its events: the loss chart and the epoch grid.
 */
import type { Job } from "../src/serve/jobs.ts";
import type { MetricsLine } from "../src/train/metrics.ts";
import { bearer, getJson, request } from "./api.ts";
import { byId } from "./dom.ts";
import { LossChart } from "./loss_chart.ts";
import { readEvents } from "./sse.ts";

/** A job as the job routes and their events describe it: the server's own type (Job.view), as JSON carries it. */
type JobInfo = ReturnType<Job["view"]>;

const TOKEN_KEY = "edgegan-token";

/** `onRunDone` gets the model id of a job's run once the job is over. */
export function mountTraining(onRunDone: (model: string) => void): void {
  const tokenInput = byId<HTMLInputElement>("token");
  const startForm = byId<HTMLFormElement>("start");
  const stop = byId<HTMLButtonElement>("stop");
  const startButton = byId<HTMLButtonElement>("start-job");
  const dataPicker = byId<HTMLSelectElement>("data");
  const conditioning = byId<HTMLSelectElement>("conditional");
  // What changes now and then is announced (a live region); the metrics, twice a second, are not.
  const status = byId("job-status");
  const progress = byId("job-progress");
  const grid = byId<HTMLImageElement>("job-grid");
  const caption = byId("job-epoch");
  const chart = new LossChart(byId<HTMLCanvasElement>("loss-chart"));
  let token = "";
  let job: JobInfo | undefined;
  let following: AbortController | undefined;
  const say = (text: string) => status.textContent = text;

  const onEvent = (type: string, data: unknown) => {
    if (type === "status") {
      job = data as JobInfo;
      // One job at a time: the server refuses a second while one runs.
      [stop.disabled, startButton.disabled] = [job.status !== "running", job.status === "running"];
      if (job.status !== "running") say(`${job.id}: ${job.status}${job.error ? ` (${job.error})` : ""}`);
      if (job.status !== "running" && job.model) onRunDone(job.model);
    } else if (type === "metrics") {
      const m = data as MetricsLine;
      chart.add(m);
      progress.textContent = `epoch ${m.epoch}/${job?.run.epochs} · iteration ${m.iteration} · ` +
        `D ${m.lossD.toFixed(3)} · G ${m.lossG.toFixed(3)} · ${Math.round(m.samples_per_s)} samples/s`;
    } else if (type === "sample") {
      const { epoch, png } = data as { epoch: number; png: string };
      [grid.src, grid.hidden, caption.textContent] = [png, false, `epoch ${epoch}`];
    }
  };

  const follow = (next: JobInfo) => {
    following?.abort();
    following = new AbortController();
    [job, grid.hidden, caption.textContent] = [next, true, ""];
    byId("training-view").hidden = false;
    chart.clear();
    say(`${next.id}: ${next.status}`);
    progress.textContent = next.status === "running" ? "waiting for the first metrics…" : "";
    const { signal } = following;
    readEvents(next.events, token, onEvent, signal).then(
      // A stream that the server ended while the job runs (a reader too far behind): follow it again.
      () => {
        const again = () => !signal.aborted && job?.status === "running";
        if (again()) setTimeout(() => again() && follow(job!), 1000);
      },
      (e) => {
        if ((e as Error).name === "AbortError") return;
        startButton.disabled = false; // the job's state is unknown now: the server says if one still runs
        say(`lost the job's events: ${(e as Error).message}`);
      },
    );
  };

  const connect = async (candidate: string) => {
    try {
      const { jobs } = await getJson<{ jobs: JobInfo[] }>("/api/jobs", { headers: bearer(candidate) });
      [token, startForm.hidden] = [candidate, false];
      sessionStorage.setItem(TOKEN_KEY, candidate);
      if (jobs[0]) follow(jobs[0]);
      else say("connected: no job yet");
    } catch (e) {
      say(`could not connect: ${(e as Error).message}`);
    }
  };

  byId<HTMLFormElement>("connect").addEventListener("submit", (e) => {
    e.preventDefault();
    connect(tokenInput.value.trim());
  });
  startForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    // Unchosen, the conditioning is the recipe's, as with `deno task train`: projection on MNIST-likes.
    const conditional = conditioning.value || undefined;
    const options = {
      data: dataPicker.value,
      epochs: Number(byId<HTMLInputElement>("epochs").value),
      conditional,
    };
    startButton.disabled = true; // until the job is followed: a second click would be refused
    try {
      follow(
        await getJson<JobInfo>("/api/jobs", {
          method: "POST",
          headers: { ...bearer(token), "content-type": "application/json" },
          body: JSON.stringify(options),
        }),
      );
    } catch (e) {
      startButton.disabled = false;
      say(`could not start: ${(e as Error).message}`);
    }
  });
  // The toy mixtures have no classes to condition on. Also as the page loads: a browser may restore the form.
  const offerConditioning = () => {
    conditioning.disabled = !["mnist", "fashion-mnist"].includes(dataPicker.value);
    if (conditioning.disabled) conditioning.value = "";
  };
  dataPicker.addEventListener("change", offerConditioning);
  offerConditioning();
  stop.addEventListener("click", async () => {
    if (job) {
      stop.disabled = true; // a stop takes a while (the run saves its checkpoint); one request is enough
      await request(`/api/jobs/${job.id}`, { method: "DELETE", headers: bearer(token) }).catch((e) => {
        stop.disabled = false;
        say(`could not stop: ${(e as Error).message}`);
      });
    }
  });

  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) {
    tokenInput.value = saved;
    connect(saved);
  }
}
