import time
from tests.test_ui.conftest import settle, add, due_today
async def test_smoke(app, services):
    await add(services, "hello", **due_today())
    t=time.time()
    async with app.run_test(size=(120,35)) as pilot:
        await settle(pilot)
        print("settle", time.time()-t)
        print(app.main_screen.task_list.total, app.main_screen.task_list.current_task.title)
        print(app.focused)
